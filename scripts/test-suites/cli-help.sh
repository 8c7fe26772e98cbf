#!/usr/bin/env bash
# The one entry point works as a user calls it: ./chengxin help builds the CLI when it is
# missing or stale and lists every verb. Ends with "N passed, N failed" for test.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "failed: $*" >&2; fi
}
out=$(./chengxin help 2>/dev/null)
code=$?
check test "$code" -eq 0
for verb in "scheme list" "scheme show" "scheme lint" "scheme facts" "facts template" "score --scheme" demo serve admin audit; do
  check grep -q -- "$verb" <<<"$out"
done
./chengxin scheme lint schemes/examples/every-part.yaml >/dev/null 2>&1
check test $? -eq 0
./chengxin scheme show schemes/examples/no-such-file.yaml >/dev/null 2>&1
check test $? -eq 2
echo "$passed passed, $failed failed"
