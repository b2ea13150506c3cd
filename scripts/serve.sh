#!/usr/bin/env bash
# Runs the app locally: installs what is missing, then builds the release bundle and serves it
# on http://127.0.0.1:8080, rebuilding when src/, static/ or index.html change. Ctrl-C stops it.
#
# usage: scripts/serve.sh [extra trunk serve options, e.g. --port 9000]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

bash scripts/setup.sh
[ -f index.html ] || die "index.html is missing: it is the entry point Trunk builds the browser app from"
say "building, then serving on http://127.0.0.1:8080 (the first build takes a minute or two)"
exec trunk serve --release "$@"
