#!/usr/bin/env bash
# Prints how to call a running stack from a new shell: the lines after "In a new shell" work pasted as they are
# (a test runs them). scripts/run.sh prints this once the stack is ready.
#   scripts/hint.sh GATEWAY_URL DATA_DIR [env]
# With "env" the admin password is the IDENTITIES_ADMIN_PASSWORD the stack was started with; otherwise it is read
# from DATA_DIR/admin-password, where run.sh keeps the one it generated.
set -euo pipefail

url="$1"
data="$(cd "$2" && pwd)"
if [ "${3:-}" = "env" ]; then
  password='$IDENTITIES_ADMIN_PASSWORD'
  where="the IDENTITIES_ADMIN_PASSWORD you started the stack with (export it in the new shell)"
else
  password="\$(cat \"$data/admin-password\")"
  where="$data/admin-password"
fi

cat <<EOT
run: stack ready at $url; logs in $data/logs.
  Web console: $url/ (sign in as admin; the password is $where).
  The gateway's certificate is self-signed: $data/tls/gateway.pem (README, "Trusting the gateway's certificate").
  In a new shell, from the folder holding face.jpg:
    API_URL=$url
    export SSL_CERT_FILE="$data/tls/gateway.pem"
    TOKEN=\$(curl -s -X POST "\$API_URL/api/v1/auth/login" -H 'Content-Type: application/json' \\
      -d "{\"username\": \"admin\", \"password\": \"$password\"}" | jq -r .token)
    curl -s -X POST "\$API_URL/api/v1/faces/faceDetect" -H "Authorization: Bearer \$TOKEN" \\
      -H 'Content-Type: application/json' -d "{\"image\": \"\$(base64 -w 0 face.jpg)\"}" | jq
  Ctrl-C stops the stack.
EOT
