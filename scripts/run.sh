#!/usr/bin/env bash
# Starts the local stack on loopback: Redis 8 (AOF, fsync always, under $IDENTITIES_DATA_DIR/redis; or, with
# IDENTITIES_REDIS=cluster, a Redis Cluster of 3 masters and 3 replicas on ports 6390-6395 under
# $IDENTITIES_DATA_DIR/redis-cluster, from scripts/redis.sh cluster-start), the
# registry, detector and embedder workers (gRPC) and the gateway (HTTPS, port 5009), waits until each worker's
# and then the gateway's /health/ready answers, and prints how to get a token.
# Stops everything on Ctrl-C or SIGTERM. Works when started in the background by a script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/bootstrap.sh"

export IDENTITIES_MODELS_DIR="${IDENTITIES_MODELS_DIR:-$root/models}"
export IDENTITIES_DATA_DIR="${IDENTITIES_DATA_DIR:-$root/var}"
redis_port="${IDENTITIES_REDIS_PORT:-6390}"
mkdir -p "$IDENTITIES_DATA_DIR/logs" "$IDENTITIES_DATA_DIR/redis"
redis_bin="$("$root/scripts/redis.sh" path)"

# The gateway's token signing key, made before anything starts: the workers check the tokens the gateway
# forwards with it (Authentication:SigningKeyPath defaults to keys/jwt-signing.key under IDENTITIES_DATA_DIR).
signing_key="$IDENTITIES_DATA_DIR/keys/jwt-signing.key"
if [ ! -s "$signing_key" ]; then
  mkdir -p "$(dirname "$signing_key")"
  (umask 077 && head -c 32 /dev/urandom >"$signing_key.tmp" && mv "$signing_key.tmp" "$signing_key")
fi

echo "run: building (Release)" >&2
dotnet build Identities.sln -c Release --nologo -v quiet >/dev/null

pids=()
cluster_dir=""
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$cluster_dir" ]; then "$root/scripts/redis.sh" cluster-stop "$cluster_dir"; fi
  echo "run: stopped" >&2
  exit 0
}
trap stop INT TERM EXIT

# Redis is locked down as in production (docs/DEPLOY.md), one server or the cluster: the default user needs the operator's password, and
# the registry connects as identities-registry, limited to its key prefix and the commands it sends. Passwords
# are generated once and kept owner-only under $IDENTITIES_DATA_DIR/secrets.
secrets="$IDENTITIES_DATA_DIR/secrets"
mkdir -p "$secrets" && chmod 700 "$secrets"
for name in redis-admin-password redis-registry-password; do
  [ -s "$secrets/$name" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$secrets/$name")
done
redis_admin="$(cat "$secrets/redis-admin-password")"
redis_registry="$(cat "$secrets/redis-registry-password")"
# The registry user's rules: exactly RedisAcl.Rules("idn") (services/registry/Storage/RedisAcl.cs; a test compares them).
registry_acl='resetkeys ~idn:* resetchannels -@all +auth +hello +ping +echo +client|setname +client|setinfo +client|id +select +info +cluster|nodes +cluster|slots +cluster|info +readonly +asking +get +set +del +unlink +exists +incr +decr +decrby +hget +hmget +hgetall +hset +hmset +hsetnx +sadd +srem +smembers +sismember +scard +zadd +zrem +zrange +zrangebylex +multi +exec +discard +watch +unwatch +eval +evalsha +script|load +script|exists +vadd +vrem +vsim +vinfo +vdim +vcard +scan +wait +waitaof +bgrewriteaof'
(umask 077 && printf 'user default on >%s ~* &* +@all\nuser identities-registry on >%s %s\n' \
  "$redis_admin" "$redis_registry" "$registry_acl" >"$secrets/redis-users.acl")

if [ "${IDENTITIES_REDIS:-server}" = cluster ]; then
  cluster_dir="$IDENTITIES_DATA_DIR/redis-cluster"
  cluster_ports=()
  for i in 0 1 2 3 4 5; do cluster_ports+=("$((redis_port + i))"); done
  IDENTITIES_REDIS_ACLFILE="$secrets/redis-users.acl" IDENTITIES_REDIS_ADMIN_PASSWORD="$redis_admin" \
    "$root/scripts/redis.sh" cluster-start "$cluster_dir" "${cluster_ports[@]}" \
    || { echo "run: the Redis Cluster did not start; see $cluster_dir/*/redis.log" >&2; exit 1; }
  cluster_nodes="$(printf '127.0.0.1:%s,' "${cluster_ports[@]}")"
  echo "run: redis cluster ready (3 masters, 3 replicas: 127.0.0.1:${cluster_ports[0]}-${cluster_ports[5]}, AOF in $cluster_dir; operator password in $secrets/redis-admin-password)" >&2
  registry_env=(Registry__Redis="${cluster_nodes%,}" Registry__RedisUser=identities-registry Registry__RedisPassword="$redis_registry")
else
"$redis_bin/redis-server" --port "$redis_port" --bind 127.0.0.1 --protected-mode yes --dir "$IDENTITIES_DATA_DIR/redis" \
  --aclfile "$secrets/redis-users.acl" --appendonly yes --appendfsync always --daemonize no \
  >"$IDENTITIES_DATA_DIR/logs/redis.log" 2>&1 &
pids+=("$!")
export REDISCLI_AUTH="$redis_admin"
for _ in $(seq 1 100); do
  "$redis_bin/redis-cli" -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.2
done
"$redis_bin/redis-cli" -p "$redis_port" ping 2>/dev/null | grep -q PONG || { echo "run: Redis did not start; see $IDENTITIES_DATA_DIR/logs/redis.log" >&2; exit 1; }
unset REDISCLI_AUTH
echo "run: redis ready (127.0.0.1:$redis_port, AOF in $IDENTITIES_DATA_DIR/redis; operator password in $secrets/redis-admin-password)" >&2
# Only the registry gets the Redis address and credentials.
registry_env=(Registry__Redis="127.0.0.1:$redis_port" Registry__RedisUser=identities-registry Registry__RedisPassword="$redis_registry")
fi

# The gateway seeds an `admin` user from IDENTITIES_ADMIN_PASSWORD; without one, make one and keep it.
password_source="env"
if [ -z "${IDENTITIES_ADMIN_PASSWORD:-}" ]; then
  password_source="file"
  password_file="$IDENTITIES_DATA_DIR/admin-password"
  if [ ! -s "$password_file" ]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
  fi
  IDENTITIES_ADMIN_PASSWORD="$(cat "$password_file")"
  echo "run: IDENTITIES_ADMIN_PASSWORD not set; using the one in $password_file" >&2
fi
export IDENTITIES_ADMIN_PASSWORD

# name, project folder, assembly, gRPC port, HTTP (health) port
services=(
  "registry services/registry Identities.Registry 5103 5113"
  "detector services/detector Identities.Detector 5101 5111"
  "embedder services/embedder Identities.Embedder 5102 5112"
)
gateway_url="https://127.0.0.1:5009"
for entry in "${services[@]}"; do
  read -r name dir assembly grpc_port http_port <<<"$entry"
  extra_env=()
  [ "$name" = registry ] && extra_env=("${registry_env[@]}")
  (cd "$root/$dir" && exec env "${extra_env[@]}" dotnet "bin/Release/net10.0/$assembly.dll" \
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

(cd "$root/services/gateway" && exec dotnet bin/Release/net10.0/Identities.Gateway.dll --Kestrel:Endpoints:Https:Url="$gateway_url") \
  >"$IDENTITIES_DATA_DIR/logs/gateway.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 240); do
  curl -kfs "$gateway_url/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -kfs "$gateway_url/health/ready" >/dev/null || { echo "run: gateway not ready; see $IDENTITIES_DATA_DIR/logs/gateway.log" >&2; exit 1; }

"$root/scripts/hint.sh" "$gateway_url" "$IDENTITIES_DATA_DIR" $password_source >&2
wait -n "${pids[@]}" || true
echo "run: a service exited; see $IDENTITIES_DATA_DIR/logs/" >&2
