#!/usr/bin/env bash
# The end-to-end benchmark (issue 6) from a fresh clone in one command: starts a fresh local stack with its
# own data folder (scripts/run.sh), runs bench/Identities.StackBenchmarks against it (the stack over HTTPS
# and the same work in process, with the ratio), and stops the stack. Options go to the benchmark
# (--quick for a smoke check; --help lists them). Markdown on stdout, progress on stderr, JSON under var/bench.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if curl -kfs https://127.0.0.1:5009/health/live >/dev/null 2>&1; then
  echo "bench: a stack already answers on https://127.0.0.1:5009; stop it first (the benchmark starts its own)," >&2
  echo "       or run the benchmark against it: dotnet run -c Release --project bench/Identities.StackBenchmarks -- --help" >&2
  exit 1
fi

"$root/scripts/bootstrap.sh"
echo "bench: building the benchmark (Release)" >&2
dotnet build bench/Identities.StackBenchmarks -c Release --nologo -v quiet >/dev/null

# --help needs no stack.
for arg in "$@"; do
  case "$arg" in
    -h|--help|-\?) exec dotnet run -c Release --no-build --project bench/Identities.StackBenchmarks -- --help ;;
  esac
done

export IDENTITIES_DATA_DIR="$root/var/bench/stack"
rm -rf "$IDENTITIES_DATA_DIR"
mkdir -p "$IDENTITIES_DATA_DIR"
unset IDENTITIES_ADMIN_PASSWORD
"$root/scripts/run.sh" >"$root/var/bench/stack.log" 2>&1 &
stack=$!
trap 'kill "$stack" 2>/dev/null || true; wait "$stack" 2>/dev/null || true' EXIT

echo "bench: starting the stack (build, Redis, workers, gateway); its log: var/bench/stack.log" >&2
for _ in $(seq 1 600); do
  grep -q "run: stack ready" "$root/var/bench/stack.log" 2>/dev/null && break
  kill -0 "$stack" 2>/dev/null || { echo "bench: the stack did not start; see var/bench/stack.log" >&2; tail -20 "$root/var/bench/stack.log" >&2; exit 1; }
  sleep 1
done
grep -q "run: stack ready" "$root/var/bench/stack.log" || { echo "bench: the stack was not ready after 10 minutes" >&2; exit 1; }

dotnet run -c Release --no-build --project bench/Identities.StackBenchmarks -- "$@"
