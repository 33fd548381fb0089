#!/usr/bin/env bash
# Builds the package and the local Atlas server, then serves the demo page
# (www/) and the package (pkg/) on the same origin as the API, in the
# foreground: Ctrl-C stops it.
#
#   bash scripts/demo.sh                    # http://127.0.0.1:8787/
#   PORT=9000 bash scripts/demo.sh          # another port (0 picks a free one)
#   bash scripts/demo.sh --latency-ms 150   # extra flags go to atlas-mock
#                                           # (slower answers: watch the progress bar)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8787}"

step() { printf '\n==== %s\n' "$*" >&2; }

step "setup"
bash scripts/setup.sh

step "build the package (pkg/)"
bash scripts/build.sh

step "build the local Atlas server"
cargo build -p atlas-mock

bin="${CARGO_TARGET_DIR:-target}/debug/atlas-mock"
step "start the local Atlas server on port $port (Ctrl-C stops it)"
# The mock prints its ready line on stdout; show it, then the demo's address.
"$bin" --port "$port" --static-dir www --pkg-dir pkg "$@" | while IFS= read -r line; do
  printf '%s\n' "$line"
  case "$line" in
    *"listening on http://"*)
      url="${line##*listening on }"
      printf '\n  Demo: %s/\n' "${url%/}"
      printf '  (token test-token; service account mdb_sa_id_test / mdb_sa_sk_test; Ctrl-C to stop)\n\n'
      ;;
  esac
done
