#!/usr/bin/env bash
# Runs every test: native (core + local Atlas server), wasm in Node and in
# headless Chromium against the local server, the Node suite on the built
# package, and the TypeScript checks. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n==== %s\n' "$*"; }
source scripts/mock.sh
trap stop_mock EXIT

step "native tests: cargo test --workspace"
cargo test --workspace

step "build the package (pkg/)"
bash scripts/build.sh

step "start the local Atlas server"
cargo build -q -p atlas-mock
start_mock --rate-limit 100000

step "wasm tests in Node: wasm-pack test --node"
reset_mock
( source scripts/wasm-env.sh && wasm-pack --log-level warn test --node --mode no-install )

step "wasm tests in headless Chromium: wasm-pack test --headless --chrome"
reset_mock
( source scripts/wasm-env.sh && wasm-pack --log-level warn test --headless --chrome \
    --chromedriver "$(command -v chromedriver)" --mode no-install -- --features browser )

step "Node suite on the built package: node --test"
reset_mock
node --test tests/node/

step "TypeScript declarations: tsc --strict"
bash scripts/typecheck.sh
