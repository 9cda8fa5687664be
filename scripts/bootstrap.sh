#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Identities. Idempotent, and quick
# when nothing is missing. Called by scripts/run.sh and scripts/test.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Native libraries that OpenCvSharp4.official.runtime.linux-x64's libOpenCvSharpExtern.so links against.
apt_packages=(libgtk-3-0)
# curl and jq: the README's and run.sh's examples use them, and their tests run them.
apt_packages+=(curl jq)
# Debian's Chromium for the web console's browser tests (Playwright drives it; its own browser download fails here).
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "bootstrap: the .NET 10 SDK (dotnet) is required; see global.json." >&2
  exit 1
fi

"$root/scripts/models.sh"

# The client and contract checks' tools (buf, Redocly CLI, PowerShell 7); their tests skip with the reason without them.
"$root/scripts/tools.sh" || echo "bootstrap: scripts/tools.sh failed; the tests that need its tools will say so" >&2
