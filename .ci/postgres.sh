#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the SQL data tests, on loopback only.
#
#   eval "$(.ci/postgres.sh start)"   # initdb in a temp dir, start; prints `export CRM_PG_URL=...`
#   .ci/postgres.sh stop              # stop it and delete the directory
#
# Never touches the system's default cluster. As root (CI) the server runs as the `postgres` user,
# which Debian's postgresql package creates; otherwise as the calling user. Trust authentication,
# fsync off: for tests only. Settings by environment:
#   CRM_PG_PORT  TCP port on 127.0.0.1 (default 54329)
#   CRM_PG_BIN   directory holding initdb and pg_ctl (default: /usr/lib/postgresql/15/bin, else the
#                newest /usr/lib/postgresql/*/bin, else whatever is on PATH)
#   CRM_PG_DIR   cluster directory (default /tmp/crm-mining-pg-<port>); `stop` reads the same one
set -euo pipefail

port="${CRM_PG_PORT:-54329}"
dir="${CRM_PG_DIR:-${TMPDIR:-/tmp}/crm-mining-pg-$port}"

bin="${CRM_PG_BIN:-}"
if [ -z "$bin" ]; then
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then bin=/usr/lib/postgresql/15/bin
  else bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  if [ -z "$bin" ]; then bin="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"; fi
fi
if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "postgres.sh: no initdb/pg_ctl in '$bin'; install Debian's postgresql package (apt-get install -y postgresql) or set CRM_PG_BIN." >&2
  exit 1
fi

# Run a server binary as the cluster's owner: postgres refuses to run as root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -e "$dir" ]; then
      echo "postgres.sh: $dir exists (a cluster left running?); run '$0 stop' first." >&2
      exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "postgres.sh: no 'postgres' user; install the postgresql package." >&2; exit 1; }
      chown postgres: "$dir"
    fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback TCP only, the unix socket inside the cluster directory (not /var/run/postgresql).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export CRM_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
