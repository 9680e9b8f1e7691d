#!/usr/bin/env bash
# One-time machine setup for RiskRadar's local mode and tests on Debian/Ubuntu:
# PostgreSQL server binaries, redis-server and (for the dashboard's browser tests) chromium from the distribution (no services are started or enabled:
# the AppHost and the tests run their own servers on loopback ports, with their own data directories).
# Safe to run again. Needs root or sudo for apt.
set -euo pipefail

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
# The dashboard's browser tests drive Debian's Chromium headless (Playwright never downloads a browser here).
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  # The distribution's packages would create and start a default cluster and service; RiskRadar needs neither.
  "${sudo_cmd[@]}" mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | "${sudo_cmd[@]}" tee /etc/postgresql-common/createcluster.d/riskradar.conf >/dev/null
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  trap '"${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "The 'postgres' user is missing; PostgreSQL refuses to run as root." >&2
  exit 1
fi

echo "PostgreSQL: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
echo "Redis:      $(redis-server --version | cut -d' ' -f3)"
echo "Chromium:   $(chromium --version 2>/dev/null | cut -d' ' -f2)"
echo "dotnet:     $(dotnet --version)"
