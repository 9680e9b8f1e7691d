#!/usr/bin/env bash
# Runs redis-server for the AppHost's local mode.
# Usage: redis.sh DATA_DIR   (env: REDIS_PORT, REDIS_PASSWORD)
# The password goes into a private config file rather than the command line, where any user could read it.
set -euo pipefail

data=${1:?usage: redis.sh DATA_DIR}
: "${REDIS_PORT:?REDIS_PORT is required}" "${REDIS_PASSWORD:?REDIS_PASSWORD is required}"
command -v redis-server >/dev/null || { echo "redis-server not found (run eng/setup.sh)" >&2; exit 1; }

mkdir -p "$data"
conf="$data/redis.conf"
umask 077
cat > "$conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
requirepass $REDIS_PASSWORD
dir $data
appendonly yes
appendfsync everysec
save ""
CONF
exec redis-server "$conf"
