# Sourced: start_mock [flags...] starts the local Atlas server on a free
# loopback port, waits until it listens, and exports ATLAS_MOCK_URL and
# MOCK_PID. stop_mock ends it. Build it first (cargo build -p atlas-mock).
start_mock() {
  local log="${MOCK_LOG:-target/atlas-mock.log}"
  local out="target/atlas-mock.out"
  mkdir -p target
  : > "$out"
  "${CARGO_TARGET_DIR:-target}/debug/atlas-mock" --port "${MOCK_PORT:-0}" "$@" > "$out" 2> "$log" &
  MOCK_PID=$!
  for _ in $(seq 1 200); do
    if grep -q 'listening on ' "$out"; then
      ATLAS_MOCK_URL="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$out" | head -n1)"
      export ATLAS_MOCK_URL MOCK_PID
      echo "[mock] $ATLAS_MOCK_URL (pid $MOCK_PID, log $log)" >&2
      return 0
    fi
    kill -0 "$MOCK_PID" 2>/dev/null || { cat "$log" >&2; echo "[mock] failed to start" >&2; return 1; }
    sleep 0.1
  done
  echo "[mock] did not start in 20 s" >&2
  return 1
}
stop_mock() {
  if [ -n "${MOCK_PID:-}" ]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi
}
reset_mock() {
  curl -fsS -X POST "$ATLAS_MOCK_URL/__mock/reset" >/dev/null
}
