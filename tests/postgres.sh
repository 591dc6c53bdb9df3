#!/usr/bin/env bash
# Usage: tests/postgres.sh <command...>
# Runs the command with a throwaway PostgreSQL cluster on a free loopback port and
# MODELHUB_TEST_POSTGRES set to a superuser connection string for it (the superuser may create
# databases). The cluster lives in a temporary folder and is stopped and removed when the command
# ends, whatever happens; the script exits with the command's exit code.
# Installs Debian's postgresql package when initdb/pg_ctl are missing (as root, or through sudo).
# As root, the server runs as the postgres OS user (PostgreSQL refuses to run as root).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  # Debian keeps the server's programs out of PATH, one folder per major version.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "PostgreSQL is missing; installing Debian's postgresql package (the database tests run on it)..."
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    echo "postgresql was installed but initdb/pg_ctl were not found." >&2
    exit 1
  fi
fi

cluster=$(mktemp -d "${TMPDIR:-/tmp}/modelhub-pg.XXXXXX")
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$cluster"
  as_postgres() { (cd "$cluster" && runuser -u postgres -- "$@"); }
else
  as_postgres() { (cd "$cluster" && "$@"); }
fi

stop_cluster() {
  if [ -f "$cluster/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$cluster"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$cluster/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres: "$cluster/pwfile"
chmod 600 "$cluster/pwfile"

# C.UTF-8: UTF-8 text whose letters fold case beyond ASCII (ILIKE), sorted by code point like SQLite.
as_postgres "$bin/initdb" -D "$cluster/data" -U postgres --pwfile="$cluster/pwfile" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$cluster/initdb.log" 2>&1 ||
  { cat "$cluster/initdb.log" >&2; exit 1; }
rm -f "$cluster/pwfile"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A throwaway cluster needs no crash safety; without fsync, creating a database per test is cheap.
started=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && continue
  if as_postgres "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories= -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "PostgreSQL did not start; its log:" >&2
  cat "$cluster/server.log" >&2 || true
  exit 1
fi

export MODELHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (cluster $cluster)"

status=0
"$@" || status=$?
exit $status
