#!/usr/bin/env bash
# Runs every test: native (core + local Atlas server), wasm in Node and in
# headless Chromium against the local server, the Node suite on the built
# package, the demo page in Chromium, the package smoke tests from the packed
# tarball, and the TypeScript checks. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

mkdir -p target/test-logs
passed=0
failed=0
# Runs a step, keeps its output, and adds the counts its runner printed.
step() {
  local name="$1"; shift
  local log="target/test-logs/$name.log"
  printf '\n==== %s\n' "$name"
  set +e
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local counts
  counts=$(count_results "$log")
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
  if [ "$rc" -ne 0 ]; then
    echo "FAILED step: $name (exit $rc)"
    failed=$((failed + 1))
    summary
    exit 1
  fi
}
# Adds up what the runners printed: cargo and wasm-bindgen-test
# ("test result: ok. N passed; M failed"), node --test ("# pass N", "# fail M")
# and plain "name: N passed, M failed" lines.
count_results() {
  awk '
    function add(line,   n, a, i) {
      n = split(line, a, /[ ;.,]+/)
      for (i = 1; i < n; i++) {
        if (a[i + 1] == "passed") p += a[i]
        if (a[i + 1] == "failed") f += a[i]
      }
    }
    /test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed/ { add($0); next }
    /^# pass [0-9]+$/ { p += $3; next }
    /^# fail [0-9]+$/ { f += $3; next }
    /^[a-z ]+: [0-9]+ passed, [0-9]+ failed/ { add($0); next }
    END { print p + 0, f + 0 }
  ' "$1"
}
summary() {
  printf '\n%s\n' "summary: $passed passed, $failed failed"
}

source scripts/mock.sh
trap stop_mock EXIT

lint() {
  cargo fmt --all --check
  cargo clippy --workspace --all-targets -q -- -D warnings
  ( source scripts/wasm-env.sh; cargo clippy --lib --target wasm32-unknown-unknown -q -- -D warnings )
  echo "lint: fmt and clippy clean (no unwrap/expect outside tests)"
  if [ -f ../shared/spec/atlas-admin-v2-seed-subset.json ]; then
    node scripts/gen-schema.mjs --check
  else
    echo "lint: SKIPPED schema table check: ../shared/spec not found"
  fi
}
step lint lint
step native cargo test --workspace
step build bash scripts/build.sh
cargo build -q -p atlas-mock
start_mock --rate-limit 100000 --static-dir www --pkg-dir pkg --quiet

wasm_node() { reset_mock; source scripts/wasm-env.sh; wasm-pack --log-level warn test --node --mode no-install; }
wasm_chrome() {
  reset_mock; source scripts/wasm-env.sh
  wasm-pack --log-level warn test --headless --chrome --chromedriver "$(command -v chromedriver)" \
    --mode no-install -- --features browser
}
step wasm-node wasm_node
step wasm-chrome wasm_chrome
node_suite() { reset_mock; node --test tests/node/; }
step node node_suite
browser_suite() { reset_mock; node --test tests/browser/; }
step browser browser_suite
step package bash tests/package/run.sh
reliability_suite() { reset_mock; node --test tests/reliability/; }
step reliability reliability_suite
step typescript bash scripts/typecheck.sh
if cargo +nightly --version >/dev/null 2>&1; then
  step fuzz bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
else
  printf '\n==== fuzz\nfuzz: not run: no nightly toolchain could be installed (see scripts/setup.sh)\n'
fi
summary
