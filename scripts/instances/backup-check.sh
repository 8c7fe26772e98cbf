#!/usr/bin/env bash
# The backup and restore of docs/operations.md, done end to end: the demo's data written by the real server, backed up while
# the server runs, the data wiped, restored, and the audit chain verified (same event count and head hash as before).
#
#   scripts/instances/backup-check.sh              # SQLite
#   scripts/instances/backup-check.sh --postgres   # PostgreSQL named by CHENGXIN_TEST_PG (source scripts/test-deps/postgres.sh)
#
# Prints PASS or FAIL with the two verifications; everything it makes is in a temporary folder (and a temporary database).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/scripts/instances"
dll="$root/src/Chengxin.Server/bin/Release/net10.0/chengxin-server.dll"
[ -f "$dll" ] || dotnet build "$root/src/Chengxin.Server" -c Release -nologo -v q -clp:ErrorsOnly >&2
work=$(mktemp -d /tmp/chengxin-backup-check.XXXXXX)
data="$work/data" backup="$work/backup"
connection="" database="" server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  if [ -n "$database" ]; then (. "$here/pg-env.sh" "$CHENGXIN_TEST_PG"; dropdb --if-exists --force "$database") || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${1:-}" = "--postgres" ]; then
  [ -n "${CHENGXIN_TEST_PG:-}" ] || { echo "CHENGXIN_TEST_PG is not set: source scripts/test-deps/postgres.sh" >&2; exit 2; }
  database="chengxin_backup_$$"
  (. "$here/pg-env.sh" "$CHENGXIN_TEST_PG"; createdb "$database")
  connection=$(echo "$CHENGXIN_TEST_PG" | sed -E "s/(Database|database)=[^;]*/Database=$database/")
  export ConnectionStrings__Chengxin="$connection"
fi

verify() { dotnet "$dll" audit verify --data "$data" --Chengxin:SchemeFolder="$root/schemes" 2>&1 | grep -v '^\s*$'; }

# The demo's tenant, written by the server itself (every write through the audit chain), then a backup while it still runs.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$data"
dotnet "$dll" demo --data "$data" --urls "http://127.0.0.1:$port" --Chengxin:SchemeFolder="$root/schemes" > "$work/demo.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/demo.log" >&2; exit 1; }
if [ -n "$connection" ]; then "$here/backup.sh" --connection "$connection" --to "$backup"; else "$here/backup.sh" --data "$data" --to "$backup"; fi
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
before=$(verify)

# Wipe: the data folder (and the database), as a lost disk would.
rm -rf "$data"
if [ -n "$connection" ]; then (. "$here/pg-env.sh" "$connection"; dropdb --force "$PGDATABASE"; createdb "$PGDATABASE"); fi
mkdir -p "$data"
if [ -n "$connection" ]; then "$here/restore.sh" --from "$backup" --connection "$connection"; else "$here/restore.sh" --from "$backup" --data "$data"; fi
set +e
after=$(verify)
code=$?
set -e
echo "before the wipe:"; echo "$before" | sed 's/^/  /'
echo "after the restore:"; echo "$after" | sed 's/^/  /'
if [ $code -eq 0 ] && [ "$before" = "$after" ] && echo "$after" | grep -q "审计链完整"; then
  echo "PASS: backed up while serving, wiped, restored; the audit chain verifies with the same events and head hash"
else
  echo "FAIL: the restored data does not verify as the original did"
  exit 1
fi
