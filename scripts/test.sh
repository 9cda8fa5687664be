#!/usr/bin/env bash
# Runs every test of the solution against the real models (and, where present, the shared photos in
# $IDENTITIES_FACES_DIR, default ../shared/faces/deepface). Ends with "N passed, N failed, N skipped".
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/bootstrap.sh" || { echo "0 passed, 1 failed"; exit 1; }
export IDENTITIES_MODELS_DIR="${IDENTITIES_MODELS_DIR:-$root/models}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test Identities.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed:' "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d %d %d\n", passed, failed, skipped }')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
