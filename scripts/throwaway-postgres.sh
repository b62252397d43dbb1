#!/usr/bin/env bash
# Starts or stops a disposable PostgreSQL cluster from the installed server binaries (no Docker here).
#   throwaway-postgres.sh start DIR   → initdb (with data checksums) + pg_ctl start on a unix socket in DIR;
#                                       prints the connection URL on stdout
#   throwaway-postgres.sh restart DIR → starts DIR's existing cluster again with the same settings (after
#                                       a crash or an immediate stop: PostgreSQL recovers from its WAL)
#   throwaway-postgres.sh stop DIR    → immediate stop and removal of DIR
# fsync is off by default: tests and benchmarks throw the cluster away, so durability only costs time.
# VIPDESK_PG_FSYNC=on keeps it on, for proofs that crash the server and count what survived
# (bench/proof/crash.ts): a crash proof run without fsync would prove nothing.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

action=${1:?usage: throwaway-postgres.sh start|restart|stop DIR}
dir=${2:?usage: throwaway-postgres.sh start|restart|stop DIR}

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && { echo "$candidate"; return; }
  echo "PostgreSQL server binary '$name' not found (apt-get install postgresql)" >&2
  exit 3
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)

fsync=off
[ "${VIPDESK_PG_FSYNC:-off}" = on ] && fsync=on

start_cluster() {
  as_owner "$pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=$fsync -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$initdb" -D "$dir/cluster" -U postgres --auth=trust --data-checksums -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    start_cluster
    echo "postgresql://postgres@localhost/postgres?host=$dir"
    ;;
  restart)
    [ -d "$dir/cluster" ] || { echo "no cluster in $dir" >&2; exit 1; }
    start_cluster
    echo "postgresql://postgres@localhost/postgres?host=$dir"
    ;;
  stop)
    if [ -d "$dir/cluster" ]; then as_owner "$pg_ctl" -D "$dir/cluster" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown action: $action" >&2
    exit 2
    ;;
esac
