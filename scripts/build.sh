#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm-pack targets it needs, plus the
# entry points that re-export the error classes. Usage: scripts/build.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-env.sh
profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev
rm -rf pkg
for target in nodejs web; do
  wasm-pack --log-level warn build --mode no-install "$profile" --target "$target" \
    --out-dir "pkg/$target" --out-name atlas_admin_wasm --no-pack >&2
  rm -f "pkg/$target/.gitignore" "pkg/$target/package.json" "pkg/$target/README.md"
done
node scripts/assemble-package.mjs
