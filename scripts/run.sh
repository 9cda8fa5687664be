#!/usr/bin/env bash
# Starts the local stack on loopback: the detector and embedder workers (gRPC), and waits until each
# is ready (models loaded and warmed). Stops everything on Ctrl-C or SIGTERM. Works in the background.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/bootstrap.sh"

export IDENTITIES_MODELS_DIR="${IDENTITIES_MODELS_DIR:-$root/models}"
export IDENTITIES_DATA_DIR="${IDENTITIES_DATA_DIR:-$root/var}"
mkdir -p "$IDENTITIES_DATA_DIR/logs"

echo "run: building (Release)" >&2
dotnet build Identities.sln -c Release --nologo -v quiet >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "run: stopped" >&2
  exit 0
}
trap stop INT TERM EXIT

# name, project folder, gRPC port, HTTP (health) port
services=(
  "detector services/detector Identities.Detector 5101 5111"
  "embedder services/embedder Identities.Embedder 5102 5112"
)
for entry in "${services[@]}"; do
  read -r name dir assembly grpc_port http_port <<<"$entry"
  (cd "$root/$dir" && exec dotnet "bin/Release/net10.0/$assembly.dll" \
    --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$grpc_port" \
    --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$http_port") \
    >"$IDENTITIES_DATA_DIR/logs/$name.log" 2>&1 &
  pids+=("$!")
done

for entry in "${services[@]}"; do
  read -r name _ _ grpc_port http_port <<<"$entry"
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$http_port/health/ready" >/dev/null 2>&1; then
      echo "run: $name ready (gRPC 127.0.0.1:$grpc_port, health http://127.0.0.1:$http_port/health/ready)" >&2
      break
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "run: a service exited; see $IDENTITIES_DATA_DIR/logs/" >&2; exit 1; }
    done
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$http_port/health/ready" >/dev/null || { echo "run: $name not ready; see $IDENTITIES_DATA_DIR/logs/$name.log" >&2; exit 1; }
done

echo "run: stack ready; logs in $IDENTITIES_DATA_DIR/logs. Ctrl-C stops it." >&2
wait -n "${pids[@]}" || true
echo "run: a service exited; see $IDENTITIES_DATA_DIR/logs/" >&2
