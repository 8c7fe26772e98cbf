#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing, builds,
# runs every test suite and ends with exactly one line "N passed, N failed",
# counted from the test runners' result files.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/test-output"
rm -rf "$out/trx"
mkdir -p "$out/trx"

passed=0
failed=0

log() { printf '== %s\n' "$*" >&2; }

# --- what the tests need -------------------------------------------------------
for setup in scripts/test-deps/*.sh; do
  [ -f "$setup" ] || continue
  log "setup: $setup"
  # shellcheck disable=SC1090
  source "$setup" || { log "setup failed: $setup"; failed=$((failed + 1)); }
done

# --- .NET ----------------------------------------------------------------------
log "dotnet build"
if ! dotnet build Chengxin.slnx -c Release -nologo -v q -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, $((failed + 1)) failed"
  exit 1
fi

log "dotnet test"
dotnet test Chengxin.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$out/trx" || true

# Sum the counters of every TRX file: <Counters total=".." executed=".." passed=".." failed="..".
shopt -s nullglob
trx_files=("$out"/trx/*.trx)
if [ ${#trx_files[@]} -eq 0 ]; then
  log "no test results were written"
  failed=$((failed + 1))
fi
for f in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  fl=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  er=$(printf '%s' "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  to=$(printf '%s' "$counters" | sed -n 's/.* timeout="\([0-9]*\)".*/\1/p')
  ab=$(printf '%s' "$counters" | sed -n 's/.* aborted="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${fl:-0} + ${er:-0} + ${to:-0} + ${ab:-0}))
done

# --- further suites (front end, browser) add their counts here ------------------
for suite in scripts/test-suites/*.sh; do
  [ -f "$suite" ] || continue
  log "suite: $suite"
  result=$(bash "$suite" | tail -n 1)
  p=$(printf '%s' "$result" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  fl=$(printf '%s' "$result" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then
    log "suite $suite printed no count: '$result'"
    failed=$((failed + 1))
  else
    passed=$((passed + p)); failed=$((failed + fl))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
