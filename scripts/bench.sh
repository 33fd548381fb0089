#!/usr/bin/env bash
# Benchmarks atlas-admin-wasm against raw fetch and openapi-fetch, side by side
# in one run, and prints one markdown table of medians, ratios and targets
# (also written to bench/out/results.md). Nothing here asserts on timings.
#
#   1. size of the .wasm and JS glue of pkg/node and pkg/web (gzip -9, brotli)
#      next to an openapi-fetch client of the same 12 operations (minified+gzip)
#   2. per-call overhead: sequential getMaintenanceWindow against atlas-mock
#   3. a 500-project listProjects page end to end (bench/server.mjs), and the
#      package's response check of it alone (bench/check) next to JSON.parse
#   4. the whole 10,000-project listing with 20 ms per page (bench/server.mjs)
#   5. cold start: import + construct in fresh Node processes
#   6. wasm memory, RSS and heap during the listing
#
# Needs a built pkg/ (scripts/build.sh); installs bench/ dependencies with
# `npm ci` and builds atlas-mock (cargo build -p atlas-mock, honouring
# CARGO_TARGET_DIR) when missing. Servers listen on free loopback ports and are
# stopped on exit. Tunables: BENCH_ROUNDS (5), BENCH_CALLS (2000),
# BENCH_PAGE_ITERS (100), BENCH_COLD (20), BENCH_PKG (a pkg/ copy to measure).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
SPEC=${BENCH_SPEC:-$ROOT/../shared/spec/atlas-admin-v2-seed-subset.json}
MOCK_BIN=${CARGO_TARGET_DIR:-target}/debug/atlas-mock
mkdir -p "$OUT"
started=$(date +%s)

# Measure a stable copy: pkg/ may be rebuilt while the benchmark runs.
# BENCH_PKG=DIR measures DIR (a pkg/ copy) instead.
PKG_COPY=${BENCH_PKG:-}
if [ -z "$PKG_COPY" ]; then
  if [ ! -f pkg/node/index.mjs ] || [ ! -f pkg/web/atlas_admin_wasm_bg.wasm ]; then
    echo "bench: pkg/ is not built (run scripts/build.sh first)" >&2
    exit 1
  fi
  PKG_COPY=$(mktemp -d "${TMPDIR:-/tmp}/bench-pkg.XXXXXX")
  cp -r pkg/. "$PKG_COPY/"
elif [ ! -f "$PKG_COPY/node/index.mjs" ] || [ ! -f "$PKG_COPY/web/atlas_admin_wasm_bg.wasm" ]; then
  echo "bench: BENCH_PKG=$PKG_COPY is not a built pkg/ directory" >&2
  exit 1
fi

if [ ! -x bench/node_modules/.bin/esbuild ] || [ ! -x bench/node_modules/.bin/openapi-typescript ]; then
  echo "[bench] installing bench/ dependencies (npm ci)" >&2
  (cd bench && npm ci --no-audit --no-fund >&2)
fi
# The response check alone, as a bare wasm module (row 3; bench/check).
CHECK_TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/bench-check
CHECK_WASM=$CHECK_TARGET/wasm32-unknown-unknown/release/bench_check.wasm
echo "[bench] building bench/check (the core's response check as bare wasm)" >&2
( source scripts/wasm-env.sh
  CARGO_TARGET_DIR=$CHECK_TARGET cargo build -q --release --target wasm32-unknown-unknown \
    --manifest-path bench/check/Cargo.toml >&2 )
if [ ! -x "$MOCK_BIN" ]; then
  echo "[bench] building atlas-mock" >&2
  cargo build -q -p atlas-mock >&2
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -z "${BENCH_PKG:-}" ]; then rm -rf "$PKG_COPY"; fi
}
trap cleanup EXIT

# start NAME VAR CMD...: runs CMD in the background (logs in bench/out/NAME.*),
# waits for its "listening on http://..." line and sets VAR to the URL.
start() {
  local name=$1 var=$2 out=$OUT/$1.out
  shift 2
  : > "$out"
  "$@" > "$out" 2> "$OUT/$name.log" &
  PIDS+=($!)
  local pid=$!
  for _ in $(seq 1 200); do
    if grep -q 'listening on ' "$out"; then
      printf -v "$var" '%s' "$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$out" | head -n1)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/$name.log" >&2; echo "[bench] $name failed to start" >&2; return 1; }
    sleep 0.1
  done
  echo "[bench] $name did not start in 20 s" >&2
  return 1
}

start atlas-mock MOCK_URL "$MOCK_BIN" --port 0 --rate-limit 0 --quiet
start page-server PAGE_URL node bench/server.mjs --port 0 --projects 10000 --latency-ms 0
start list-server LIST_URL node bench/server.mjs --port 0 --projects 10000 --latency-ms 20
echo "[bench] atlas-mock $MOCK_URL · page server $PAGE_URL · listing server $LIST_URL (20 ms)" >&2

BENCH_CHECK_WASM=$CHECK_WASM BENCH_PKG=$PKG_COPY BENCH_OUT=$OUT BENCH_SPEC=$SPEC MOCK_URL=$MOCK_URL PAGE_URL=$PAGE_URL LIST_URL=$LIST_URL \
  node --expose-gc bench/run.mjs

echo "[bench] done in $(( $(date +%s) - started )) s; table in bench/out/results.md" >&2
