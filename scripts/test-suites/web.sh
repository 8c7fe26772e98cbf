#!/usr/bin/env bash
# The web app's own checks: ESLint (zero warnings) and vue-tsc count as one check each, then
# every Vitest test, counted from Vitest's JSON report. Ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root/web" || { echo "0 passed, 1 failed"; exit 1; }
passed=0
failed=0
check() {
  local name=$1; shift
  if "$@" >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "failed: $name" >&2; fi
}
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund >&2 || { echo "0 passed, 1 failed"; exit 1; }
fi
check lint npm run --silent lint
check typecheck npm run --silent typecheck

report="$root/test-output/vitest.json"
mkdir -p "$root/test-output"
rm -f "$report"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" >&2
if [ -f "$report" ]; then
  p=$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests)' "$report")
  f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests + (r.success ? 0 : (r.numFailedTests ? 0 : 1)))' "$report")
  passed=$((passed + p)); failed=$((failed + f))
else
  echo "vitest wrote no report" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
