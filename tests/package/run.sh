#!/usr/bin/env bash
# Smoke tests of the packed npm package (npm pack of pkg/) in Node ESM and
# CommonJS, a page without bundler, esbuild, Vite, a Web Worker and TypeScript.
# Usage: bash tests/package/run.sh   (env: ATLAS_MOCK_URL, ATLAS_PKG_DIR, VERBOSE=1, KEEP_TMP=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node tests/package/run.mjs "$@"
