#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time each.
#
#   bash scripts/fuzz.sh [seconds-per-target]     (default 30; CI uses that)
#
# Installs cargo-fuzz if missing, seeds fuzz/corpus/<target>/ from the API
# description's examples (fuzz/seed-corpus.mjs; skipped with a message when
# ../shared/spec is missing), replays fuzz/regressions/<target>/ (inputs of
# past findings, kept in git), then fuzzes. Per target it prints the number of
# executions; on a crash it prints the panic message and the input in hex
# (the input is kept in fuzz/artifacts/<target>/). The last line is
#   fuzz: N passed, M failed
# and the exit status is non-zero when a target failed.
# Needs the nightly toolchain (`rustup toolchain install nightly`).
set -uo pipefail

SECS="${1:-30}"
if ! [[ "$SECS" =~ ^[0-9]+$ ]] || [ "$SECS" -lt 1 ]; then
  echo "usage: $0 [seconds-per-target]" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  echo "fuzz: 0 passed, 0 failed"
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked || { echo "fuzz: could not install cargo-fuzz" >&2; exit 1; }
fi

if command -v node >/dev/null 2>&1; then
  node seed-corpus.mjs corpus
else
  echo "seed-corpus: node not found; skipping spec seeds"
fi

TARGETS=$(cargo +nightly fuzz list)
# -a: debug assertions (integer overflow checks included) so arithmetic
# surprises panic here instead of wrapping silently in release builds.
FUZZ_FLAGS=(-a)

mkdir -p logs
passed=0
failed=0
for t in $TARGETS; do
  mkdir -p "corpus/$t" "artifacts/$t"
  dirs=("corpus/$t")
  [ -d "regressions/$t" ] && dirs+=("regressions/$t")
  log="logs/$t.log"
  # Build first so the time below is fuzzing time only.
  if ! cargo +nightly fuzz build "${FUZZ_FLAGS[@]}" "$t" >"logs/$t.build.log" 2>&1; then
    failed=$((failed + 1))
    echo "fuzz: $t FAILED to build; log: fuzz/logs/$t.build.log"
    tail -20 "logs/$t.build.log" | sed 's/^/  /'
    continue
  fi
  start=$(date +%s)
  cargo +nightly fuzz run "${FUZZ_FLAGS[@]}" "$t" "${dirs[@]}" -- \
    -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | grep -oE '[0-9]+')
  execs="${execs:-?}"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz: $t ok: $execs executions in ${secs}s"
  else
    failed=$((failed + 1))
    echo "fuzz: $t FAILED (exit $rc) after $execs executions in ${secs}s; log: fuzz/$log"
    grep -E "panicked at|^thread '|SUMMARY|ERROR: libFuzzer" -A2 "$log" | head -20 | sed 's/^/  /'
    artifact=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //')
    if [ -n "$artifact" ] && [ -f "$artifact" ]; then
      echo "  input: fuzz/$artifact ($(wc -c <"$artifact") bytes)"
      echo "  hex: $(head -c 4096 "$artifact" | od -An -v -tx1 | tr -d ' \n')"
      echo "  replay: cd fuzz && cargo +nightly fuzz run -a $t $artifact"
    fi
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
