#!/usr/bin/env bash
# Runs PostgreSQL from the distribution's binaries for the AppHost's local mode.
# Usage: postgres.sh DATA_DIR   (env: PGPORT, POSTGRES_PASSWORD, POSTGRES_DB; optional PG_BIN)
# Initialises DATA_DIR on first use (scram-sha-256, loopback only) and then becomes the server process,
# so the orchestrator's stop signal reaches PostgreSQL itself.
set -euo pipefail

data=${1:?usage: postgres.sh DATA_DIR}
: "${PGPORT:?PGPORT is required}" "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
db=${POSTGRES_DB:-postgres}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/postgres" ] || { echo "PostgreSQL binaries not found (set PG_BIN or run eng/setup.sh)" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}

mkdir -p "$data"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; chmod 700 "$data"; fi

if [ ! -s "$data/PG_VERSION" ]; then
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pwfile"; fi
  as_owner "$bin/initdb" -D "$data" -U postgres --auth-host=scram-sha-256 --auth-local=scram-sha-256 \
    --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  if [ "$db" != postgres ]; then
    echo "CREATE DATABASE \"$db\";" | as_owner "$bin/postgres" --single -D "$data" postgres >/dev/null
  fi
fi

exec_owner() {
  if [ "$(id -u)" -eq 0 ]; then exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else exec "$@"; fi
}
exec_owner "$bin/postgres" -D "$data" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
  -c max_connections=200 -c shared_buffers=256MB
