#!/usr/bin/env bash
# The browser check drives Debian's chromium through playwright-core (no browser download is
# possible here). Installs it once when missing; prints its path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
	echo "[ensure-chromium] installing Debian's chromium (once)" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
command -v chromium
