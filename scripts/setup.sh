#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, skipping what is
# already there. Safe to run again. Works offline except for the package
# registries (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. A Rust that can target wasm32. Prefer rustup's target; where it cannot be
#    downloaded, use Debian's rustc-web with its library sources and build std
#    for wasm32 ourselves (scripts/wasm-env.sh picks the mode).
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "rustup has wasm32-unknown-unknown"
elif timeout 90 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  log "installed wasm32-unknown-unknown with rustup"
else
  need=()
  [ -x /usr/bin/rustc ] && /usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.9[6-9]' || need+=(rustc-web cargo-web)
  [ -f /usr/lib/rustlib/src/rust/library/Cargo.lock ] || need+=(rust-web-src)
  [ -x /usr/lib/llvm-22/bin/lld ] || need+=(lld-22)
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  log "using Debian rustc-web with build-std for wasm32"
fi

# 2. Browser for the headless tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt_install chromium chromium-driver
fi

# 3. wasm-bindgen CLI (must equal the wasm-bindgen crate version) and wasm-pack.
WB=0.2.130
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB\$"; then
  log "cargo install wasm-bindgen-cli $WB (several minutes)"
  cargo install -q wasm-bindgen-cli --version "=$WB"
fi
if ! wasm-pack --version 2>/dev/null | grep -q ' 0\.15\.1$'; then
  log "cargo install wasm-pack 0.15.1 (several minutes)"
  cargo install -q wasm-pack --version =0.15.1 --locked
fi

# 4. Fuzzing: a nightly toolchain and cargo-fuzz (scripts/fuzz.sh).
if ! cargo +nightly --version >/dev/null 2>&1; then
  log "rustup toolchain install nightly (for cargo fuzz)"
  timeout 600 rustup toolchain install nightly --profile minimal >/dev/null 2>&1 \
    || log "could not install the nightly toolchain: fuzzing will be skipped"
fi
if cargo +nightly --version >/dev/null 2>&1 && ! cargo fuzz --version >/dev/null 2>&1; then
  log "cargo install cargo-fuzz (a few minutes)"
  cargo install -q cargo-fuzz --locked
fi

# 5. npm tools: wasm-opt (binaryen), playwright-core, typescript.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
log "ready"
