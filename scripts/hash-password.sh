#!/usr/bin/env bash
# Prints a PBKDF2-SHA256 hash for Authentication:Users:N:PasswordHash, in the gateway's format
# (pbkdf2-sha256$iterations$salt$hash, base64). Reads the password from stdin so it stays out of history.
#   scripts/hash-password.sh <<< 'the password'
set -euo pipefail
python3 -c '
import base64, hashlib, os, sys
password = sys.stdin.read().rstrip("\n").encode()
salt = os.urandom(16)
iterations = 210000
digest = hashlib.pbkdf2_hmac("sha256", password, salt, iterations, 32)
print("pbkdf2-sha256$%d$%s$%s" % (iterations, base64.b64encode(salt).decode(), base64.b64encode(digest).decode()))
'
