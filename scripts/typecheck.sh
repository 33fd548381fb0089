#!/usr/bin/env bash
# Type-checks the hand-written declarations js/atlas-admin-wasm.d.ts:
#  0. against the operation table (tests/ts/table.mjs): every operation is a
#     method and its options type has exactly the operation's parameters;
#  1. tests/ts (usage.ts: correct calls; wrong.ts: calls marked
#     `// @ts-expect-error`) under moduleResolution "bundler" and "node16";
#  2. a negative self-check: wrong.ts with its `@ts-expect-error` lines removed
#     must fail, with an error on every line that was marked, so the test
#     cannot pass vacuously.
# Needs no build (the package name is mapped to the .d.ts through `paths`).
# Usage: scripts/typecheck.sh   (prints PASS/FAIL; exits non-zero on failure)
set -uo pipefail
cd "$(dirname "$0")/.."

TSC=node_modules/.bin/tsc
if [ ! -x "$TSC" ]; then
  echo "typecheck: FAIL ($TSC not found: run npm install)"
  exit 1
fi

failed=0
run() {
  local label=$1
  shift
  if "$TSC" "$@"; then
    echo "typecheck: ok   $label"
  else
    echo "typecheck: FAIL $label"
    failed=1
  fi
}

# The declarations against the operation table (skipped without ../shared/spec).
node tests/ts/table.mjs
case $? in
  0) ;;
  2) ;;
  *) failed=1 ;;
esac

run "tests/ts/tsconfig.json (bundler)" -p tests/ts/tsconfig.json
run "tests/ts/tsconfig.node16.json (node16)" -p tests/ts/tsconfig.node16.json

# Negative self-check.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wrong=tests/ts/wrong.ts
expected_lines="$tmp/expected"
# Drop each directive line; remember the (new) number of the line it guarded.
awk -v lines="$expected_lines" '
  /^[[:space:]]*\/\/ @ts-expect-error/ { pending = 1; next }
  { n++; print; if (pending) { print n > lines; pending = 0 } }
' "$wrong" > "$tmp/wrong-unmarked.ts"
expected=$(wc -l < "$expected_lines" | tr -d ' ')
cat > "$tmp/tsconfig.json" <<EOF
{
  "extends": "$PWD/tests/ts/tsconfig.json",
  "compilerOptions": { "noUnusedLocals": false },
  "files": ["wrong-unmarked.ts"]
}
EOF
"$TSC" -p "$tmp/tsconfig.json" --pretty false > "$tmp/out" 2>&1
rc=$?
errors=$(grep -c 'wrong-unmarked\.ts([0-9]*,[0-9]*): error' "$tmp/out")
missing=""
while read -r line; do
  grep -q "wrong-unmarked\.ts($line," "$tmp/out" || missing="$missing $line"
done < "$expected_lines"
if [ "$expected" -eq 0 ]; then
  echo "typecheck: FAIL negative check ($wrong holds no @ts-expect-error lines)"
  failed=1
elif [ "$rc" -eq 0 ]; then
  echo "typecheck: FAIL negative check (tsc accepted $wrong without its @ts-expect-error lines)"
  failed=1
elif [ "$errors" -lt "$expected" ] || [ -n "$missing" ]; then
  echo "typecheck: FAIL negative check ($errors errors for $expected expectations; no error on unmarked line(s):$missing)"
  sed 's/^/  /' "$tmp/out"
  failed=1
elif grep -v 'wrong-unmarked\.ts(' "$tmp/out" | grep -q 'error TS'; then
  echo "typecheck: FAIL negative check (errors outside wrong.ts, e.g. in the declarations)"
  sed 's/^/  /' "$tmp/out"
  failed=1
else
  echo "typecheck: ok   negative check ($errors errors for $expected expectations, each marked line refused)"
fi

if [ "$failed" -eq 0 ]; then
  echo "typecheck: PASS"
else
  echo "typecheck: FAIL"
fi
exit "$failed"
