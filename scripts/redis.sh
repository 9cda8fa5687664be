#!/usr/bin/env bash
# Provides a Redis >= 8 (vector sets built in) for tests and local runs.
#   scripts/redis.sh ensure   make sure one is available (quiet and quick once done)
#   scripts/redis.sh path     print the folder holding the redis-server and redis-cli to use:
#                             PATH="$(scripts/redis.sh path):$PATH"
#   scripts/redis.sh cluster-start DIR PORT... [-- BUSPORT...]
#                             start a Redis Cluster on loopback, one node per PORT (6 ports: 3 masters with one
#                             replica each), node N's files in DIR/PORT (redis.conf, AOF, pid, log), AOF with
#                             appendfsync always; waits until every slot is served and every replica in sync.
#                             Cluster bus ports default to PORT+10000; give them after -- to choose. A DIR that
#                             already holds the cluster (nodes.conf) is started again as it was.
#                             Environment: IDENTITIES_CLUSTER_NODE_TIMEOUT (ms, default 5000);
#                             IDENTITIES_REDIS_ACLFILE, an ACL file every node loads (default: none, every node
#                             gets an empty one of its own, so users added at run time with ACL SAVE survive a
#                             restart); IDENTITIES_REDIS_ADMIN_PASSWORD, the default user's password in that file
#                             (replicas authenticate with it: masterauth).
#   scripts/redis.sh cluster-stop DIR   stop the nodes started in DIR (SIGTERM, then SIGKILL)
# A redis-server >= 8 on PATH wins. Otherwise (Debian 12 ships Redis 7) Debian 13 (trixie)'s
# redis-server 8.0.x and the trixie libraries it needs are unpacked into .cache/redis8/root and
# run through trixie's own dynamic loader, so nothing is installed on the machine and its apt
# state is untouched. Set IDENTITIES_DEBIAN_MIRROR to choose the Debian mirror.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.cache/redis8"
bin="$cache/bin"
# Everything redis-server/redis-cli load (ld --list), closed over trixie's own libraries so that
# none of Debian 12's older ones get mixed in. Unlike Debian 12, trixie names libssl libssl3t64
# (64-bit time_t transition); its libcrypto also needs zlib1g and libzstd1.
packages=(redis-server redis-tools libc6 libstdc++6 libgcc-s1 libatomic1 libjemalloc2 liblzf1
  libsystemd0 libcap2 libssl3t64 zlib1g libzstd1)

say() { echo "redis.sh: $*" >&2; }

install_hint() {
  say "  Install a Redis >= 8 (vector sets are built in from 8.0) so that redis-server and"
  say "  redis-cli are on PATH, e.g. Debian 13's redis-server package, packages.redis.io, or"
  say "  the redis:8 container image; or make a Debian mirror reachable and run this again."
}

# Major version of a redis-server binary or wrapper, or nothing when it does not run.
major_version() {
  "$1" --version 2>/dev/null | sed -n 's/.* v=\([0-9][0-9]*\)\..*/\1/p'
}

# The Debian mirror this machine already uses (deb822 first, then the one-line format).
debian_mirror() {
  local mirror=""
  if [[ -n "${IDENTITIES_DEBIAN_MIRROR:-}" ]]; then
    echo "$IDENTITIES_DEBIAN_MIRROR"
    return
  fi
  if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    # The first stanza whose suites are not the security ones is the main archive.
    mirror="$(awk '
      /^[[:space:]]*$/ { if (uri != "" && !sec) exit; uri = ""; sec = 0; next }
      tolower($1) == "uris:" { uri = $2 }
      tolower($1) == "suites:" && /-security/ { sec = 1 }
      END { if (uri != "" && !sec) print uri }' /etc/apt/sources.list.d/debian.sources | head -n 1)"
  fi
  if [[ -z "$mirror" && -r /etc/apt/sources.list ]]; then
    mirror="$(sed -n 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
      /etc/apt/sources.list | grep -v security | head -n 1 || true)"
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

# Starts the unpacked server on a private unix socket (no TCP port to collide with) with AOF on
# and checks PING and a vector-set round trip, so a broken unpack is caught here, not in tests.
smoke_test() {
  local dir pid ok=1 i
  dir="$(mktemp -d)"
  "$bin/redis-server" --port 0 --unixsocket "$dir/redis.sock" --daemonize no --save '' \
    --appendonly yes --dir "$dir" >"$dir/log" 2>&1 9>&- &
  pid=$!
  for i in $(seq 50); do
    [[ -S "$dir/redis.sock" ]] && break
    sleep 0.1
  done
  if [[ "$("$bin/redis-cli" -s "$dir/redis.sock" ping 2>&1)" == PONG ]] &&
    "$bin/redis-cli" -s "$dir/redis.sock" VADD smoke VALUES 3 0.1 0.2 0.3 e1 >/dev/null 2>&1 &&
    [[ "$("$bin/redis-cli" -s "$dir/redis.sock" VSIM smoke VALUES 3 0.1 0.2 0.3 2>&1)" == e1 ]]; then
    ok=0
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ $ok -ne 0 ]]; then
    say "the unpacked Redis 8 failed its smoke test (ping, VADD, VSIM); its log:"
    sed 's/^/    /' "$dir/log" >&2
  fi
  rm -rf "$dir"
  return $ok
}

fetch_trixie_redis() {
  local arch triplet loader mirror mirrors fetched apt keyring opts src policy deb
  arch="$(dpkg --print-architecture 2>/dev/null || true)"
  case "$arch" in
    amd64) triplet=x86_64-linux-gnu loader=ld-linux-x86-64.so.2 ;;
    arm64) triplet=aarch64-linux-gnu loader=ld-linux-aarch64.so.1 ;;
    *)
      say "no redis-server >= 8 on PATH, and fetching Debian's needs apt on amd64/arm64 (found '${arch:-no dpkg}')."
      install_hint
      exit 1
      ;;
  esac
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no redis-server >= 8 on PATH, and apt-get is missing, so Debian 13's cannot be fetched."
    install_hint
    exit 1
  fi

  apt="$cache/apt"
  rm -rf "$apt" "$cache/root.new"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$cache/root.new"
  : >"$apt/status"
  # Verify trixie's signature when this machine's keyring already knows trixie's keys
  # (debian-archive-keyring >= 2023.3+deb12u2 does); otherwise trust the mirror as-is.
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [[ -r "$keyring" && -e /usr/share/keyrings/debian-archive-trixie-stable.gpg ]]; then
    src="signed-by=$keyring"
  else
    src="trusted=yes"
  fi
  # A private apt: own sources, lists, cache and an empty dpkg status, so the machine's own apt
  # state is neither read nor changed and no 'apt-get update' of the host is needed.
  opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Dir::State::Status=$apt/status"
    -o APT::Sandbox::User=root -o Acquire::Retries=2 -o Acquire::http::Timeout=30
    -o "APT::Architecture=$arch" -o "APT::Architectures=$arch")

  # The machine's own mirror first; deb.debian.org next, in case that one is a bookworm-only
  # local mirror or a snapshot without trixie.
  mirror="$(debian_mirror)"
  mirrors=("$mirror")
  if [[ -z "${IDENTITIES_DEBIAN_MIRROR:-}" && "$mirror" != http://deb.debian.org/debian ]]; then
    mirrors+=(http://deb.debian.org/debian)
  fi
  say "no redis-server >= 8 on PATH; fetching Debian 13 (trixie)'s Redis 8"
  fetched=""
  for mirror in "${mirrors[@]}"; do
    # Only the Packages index: skips translations and AppStream metadata the host may configure.
    echo "deb [$src target=Packages] $mirror trixie main" >"$apt/sources.list"
    # --error-on=any: otherwise an unreachable mirror is only a warning and exit status 0.
    if apt-get "${opts[@]}" --error-on=any update >"$apt/update.log" 2>&1; then
      # Captured first: 'grep -q' closing the pipe early would fail the pipeline under pipefail.
      policy="$(apt-cache "${opts[@]}" policy redis-server 2>&1 || true)"
      if grep -q 'Candidate: .*:8\.' <<<"$policy"; then
        fetched=yes
        break
      fi
      echo "$policy" >>"$apt/update.log"
      say "  $mirror: trixie offers no redis-server 8.x"
    else
      say "  $mirror: could not read trixie's package index"
    fi
  done
  if [[ -z "$fetched" ]]; then
    sed 's/^/    /' "$apt/update.log" >&2
    say "could not get Debian trixie's redis-server 8.x from ${mirrors[*]} (is it reachable?)."
    install_hint
    exit 1
  fi
  say "downloading ${#packages[@]} packages from $mirror"
  if ! (cd "$apt/debs" && apt-get "${opts[@]}" download "${packages[@]}") >"$apt/download.log" 2>&1; then
    sed 's/^/    /' "$apt/download.log" >&2
    say "could not download the trixie packages from $mirror."
    install_hint
    exit 1
  fi
  say "unpacking into $cache/root"
  for deb in "$apt/debs"/*.deb; do
    dpkg -x "$deb" "$cache/root.new"
  done
  # Swapped in only when complete, so an interrupted run never leaves a half-unpacked tree.
  rm -rf "$cache/root"
  mv "$cache/root.new" "$cache/root"
  # The lists (~20 MB) and .debs are not needed any more; the sources.list stays for reference.
  rm -rf "$apt/lists" "$apt/cache" "$apt/debs"

  # Wrappers: run trixie's binaries with trixie's loader and libraries only. The loader path is
  # found from the wrapper's own location so the repository can move. argv[0] must end in
  # redis-server (the same binary is redis-check-aof/-rdb and picks its role by name); passing the
  # wrapper's own path also lets redis re-exec itself correctly (DEBUG RESTART).
  mkdir -p "$bin"
  local tool
  for tool in redis-server redis-cli; do
    cat >"$bin/$tool.new" <<EOF
#!/bin/sh
# Generated by scripts/redis.sh: Debian 13's $tool run through Debian 13's dynamic loader.
self="\$(readlink -f "\$0")"
r="\${self%/bin/*}/root"
L="\$r/usr/lib/$triplet"
exec "\$L/$loader" --inhibit-cache --library-path "\$L" --argv0 "\$self" "\$r/usr/bin/$tool" "\$@"
EOF
    chmod +x "$bin/$tool.new"
    mv "$bin/$tool.new" "$bin/$tool"
  done

  # Every library must come from the unpacked tree, not from the host.
  local missing
  missing="$("$cache/root/usr/lib/$triplet/$loader" --inhibit-cache --library-path "$cache/root/usr/lib/$triplet" \
    --list "$cache/root/usr/bin/redis-server" 2>&1 | grep -v -e "$cache/root/" -e 'linux-vdso' || true)"
  if [[ -n "$missing" ]]; then
    say "redis-server needs libraries that were not unpacked (add their packages to this script):"
    echo "$missing" | sed 's/^/    /' >&2
    exit 1
  fi
  local major
  major="$(major_version "$bin/redis-server")"
  if [[ -z "$major" || "$major" -lt 8 ]]; then
    say "the unpacked redis-server does not run or is older than 8:"
    "$bin/redis-server" --version >&2 || true
    exit 1
  fi
  smoke_test || exit 1
  "$bin/redis-server" --version >"$cache/ready"
  say "ready: $(cat "$cache/ready")"
}

# The unpacked Redis 8 passed its checks before (ready is written last) and is still whole.
cached() {
  [[ -e "$cache/ready" && -x "$bin/redis-server" && -x "$bin/redis-cli" &&
    -e "$cache/root/usr/bin/redis-server" && -e "$cache/root/usr/bin/redis-cli" ]]
}

# Sets redis_dir to the folder holding the redis-server and redis-cli to use.
ensure() {
  local found major
  # A Redis 8 on PATH (with its redis-cli beside it) is used as is. If PATH already holds our
  # wrappers, this finds them too, which is the same answer.
  if found="$(command -v redis-server 2>/dev/null)" && [[ -x "$(dirname "$found")/redis-cli" ]]; then
    major="$(major_version "$found")"
    if [[ -n "$major" && "$major" -ge 8 ]]; then
      redis_dir="$(cd "$(dirname "$found")" && pwd)"
      return
    fi
  fi
  redis_dir="$bin"
  if cached; then
    return
  fi
  mkdir -p "$cache"
  # Parallel callers (e.g. several test runs) wait for one fetch instead of racing it.
  exec 9>"$cache/lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  if cached; then
    exec 9>&-
    return
  fi
  rm -f "$cache/ready"
  fetch_trixie_redis
  # Release the lock now: a cluster node started later by this script would inherit the descriptor and hold the
  # lock for its whole life, and every later caller that still waits for the fetch would wait forever.
  exec 9>&-
}

# Starts one cluster node from its config file (written once by cluster_start): restarts reuse it.
cluster_node_up() {
  local conf="$1" port="$2" i
  "$redis_dir/redis-server" "$conf" >/dev/null 2>&1 9>&-
  for i in $(seq 100); do
    [[ "$("$redis_dir/redis-cli" -p "$port" ping 2>/dev/null)" == PONG ]] && return 0
    sleep 0.1
  done
  say "cluster node on port $port did not answer; see $(dirname "$conf")/redis.log"
  return 1
}

cluster_start() {
  local dir="$1" ports=() buses=() i port bus nodes=() timeout="${IDENTITIES_CLUSTER_NODE_TIMEOUT:-5000}"
  shift
  while [[ $# -gt 0 && "$1" != "--" ]]; do ports+=("$1"); shift; done
  [[ "${1:-}" == "--" ]] && shift
  buses=("$@")
  if [[ ${#ports[@]} -lt 3 ]]; then
    echo "usage: $0 cluster-start DIR PORT... [-- BUSPORT...] (at least 3 ports; 6 for 3 masters with a replica each)" >&2
    exit 2
  fi
  mkdir -p "$dir"
  local acl="${IDENTITIES_REDIS_ACLFILE:-}"
  # With a password on the default user, this script's own redis-cli calls sign in too.
  [[ -n "${IDENTITIES_REDIS_ADMIN_PASSWORD:-}" ]] && export REDISCLI_AUTH="$IDENTITIES_REDIS_ADMIN_PASSWORD"
  local formed=0
  [[ -s "$dir/${ports[0]}/nodes.conf" ]] && formed=1
  for i in "${!ports[@]}"; do
    port="${ports[$i]}"
    bus="${buses[$i]:-$((port + 10000))}"
    mkdir -p "$dir/$port"
    if [[ -n "$acl" ]]; then
      install -m 600 "$acl" "$dir/$port/users.acl"
    elif [[ ! -e "$dir/$port/users.acl" ]]; then
      install -m 600 /dev/null "$dir/$port/users.acl"
    fi
    cat >"$dir/$port/redis.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir/$port
daemonize yes
pidfile $dir/$port/redis.pid
logfile $dir/$port/redis.log
loglevel warning
save ""
appendonly yes
appendfsync always
cluster-enabled yes
cluster-config-file nodes.conf
cluster-port $bus
cluster-node-timeout $timeout
cluster-require-full-coverage yes
cluster-allow-replica-migration no
aclfile $dir/$port/users.acl
CONF
    [[ -n "${IDENTITIES_REDIS_ADMIN_PASSWORD:-}" ]] && echo "masterauth $IDENTITIES_REDIS_ADMIN_PASSWORD" >>"$dir/$port/redis.conf"
    chmod 600 "$dir/$port/redis.conf"
    cluster_node_up "$dir/$port/redis.conf" "$port"
    nodes+=("127.0.0.1:$port")
  done
  local replicas=0
  [[ ${#ports[@]} -ge 6 ]] && replicas=1
  [[ $formed -eq 1 ]] || "$redis_dir/redis-cli" --cluster create "${nodes[@]}" --cluster-replicas "$replicas" --cluster-yes >"$dir/create.log" 2>&1 || {
    sed 's/^/    /' "$dir/create.log" >&2
    say "redis-cli --cluster create failed"
    exit 1
  }
  # Every node sees every slot served, and every replica has finished its first sync.
  for i in $(seq 300); do
    local ready=1
    for port in "${ports[@]}"; do
      local info
      info="$("$redis_dir/redis-cli" -p "$port" cluster info 2>/dev/null)"
      grep -q 'cluster_state:ok' <<<"$info" || ready=0
      info="$("$redis_dir/redis-cli" -p "$port" info replication 2>/dev/null)"
      if grep -q 'role:slave' <<<"$info"; then
        grep -q 'master_link_status:up' <<<"$info" || ready=0
        grep -q 'master_sync_in_progress:0' <<<"$info" || ready=0
      fi
    done
    [[ $ready -eq 1 ]] && return 0
    sleep 0.1
  done
  say "the cluster in $dir did not become ready within 30 s"
  exit 1
}

cluster_stop() {
  local dir="$1" pidfile pid
  for pidfile in "$dir"/*/redis.pid; do
    [[ -e "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pidfile in "$dir"/*/redis.pid; do
    [[ -e "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

case "${1:-}" in
  ensure)
    ensure
    ;;
  path)
    ensure
    echo "$redis_dir"
    ;;
  cluster-start)
    [[ $# -ge 2 ]] || { echo "usage: $0 cluster-start DIR PORT... [-- BUSPORT...]" >&2; exit 2; }
    ensure
    shift
    cluster_start "$@"
    ;;
  cluster-stop)
    [[ $# -eq 2 ]] || { echo "usage: $0 cluster-stop DIR" >&2; exit 2; }
    cluster_stop "$2"
    ;;
  *)
    echo "usage: $0 ensure|path|cluster-start DIR PORT... [-- BUSPORT...]|cluster-stop DIR" >&2
    exit 2
    ;;
esac
