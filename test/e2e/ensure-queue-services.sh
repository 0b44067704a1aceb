#!/usr/bin/env bash
# Queue mode needs Redis (the job queue) and PostgreSQL (n8n does not support queue mode on
# SQLite). Installs Debian's redis-server and postgresql once when missing; prints where their
# binaries are.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/postgres" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	echo "[ensure-queue-services] installing Debian's ${missing[*]} (once)" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
	pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# Debian starts the services it installs; these tests run their own on free ports instead.
echo "REDIS_SERVER=$(command -v redis-server || echo /usr/bin/redis-server)"
echo "PG_BIN=$pg_bin"
