#!/bin/sh
# Rebuilds static/app.js from src/ with the pinned packages of
# package-lock.json. The output is committed, so `go run ./cmd/kycd serve`
# needs no Node.js; TestBundleUpToDate runs this script into a temporary
# file and fails when the committed bundle differs.
#
#   web/build.sh            # writes web/static/app.js
#   OUT=/tmp/x.js web/build.sh
set -eu
cd "$(dirname "$0")"
OUT=${OUT:-static/app.js}
if [ ! -x node_modules/.bin/esbuild ]; then
	npm ci --no-audit --no-fund >&2
fi
# Deterministic: no source maps, no timestamps, a fixed target, and
# paths relative to this folder (esbuild prints none in minified output).
node_modules/.bin/esbuild src/main.js --bundle --minify --format=iife \
	--target=es2019 --platform=browser --charset=utf8 --legal-comments=none \
	--log-level=warning --outfile="$OUT"
