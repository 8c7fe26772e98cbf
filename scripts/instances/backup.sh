#!/usr/bin/env bash
# A consistent backup while the server runs.
#
#   scripts/instances/backup.sh --data DIR --to BACKUP                  # one instance on SQLite
#   scripts/instances/backup.sh --connection "Host=…;…" --to BACKUP     # PostgreSQL (one instance or several)
#
# SQLite: the database through SQLite's online backup API (sqlite3 .backup: a consistent copy while writers go on, WAL
# included), then the evidence folder (content/, files named by their SHA-256, never changed once written, so copying after
# the database can only add files nobody refers to yet). PostgreSQL: pg_dump in its custom format (one consistent snapshot,
# evidence included when Chengxin:Evidence:Store=database; with the folder store, copy each data folder's content/ too).
# The data-protection keys are in the database either way: guard the backup as you guard the keys.
set -euo pipefail
data="" connection="" to=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --connection) connection=$2; shift 2 ;;
    --to) to=$2; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$to" ] || { echo "--to BACKUP is required" >&2; exit 2; }
mkdir -p "$to"
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "$connection" ]; then
  # shellcheck source=pg-env.sh
  . "$here/pg-env.sh" "$connection"
  pg_dump --format=custom --no-owner --file="$to/chengxin.pgdump"
  echo "postgresql" > "$to/kind"
else
  [ -f "$data/chengxin.db" ] || { echo "no chengxin.db in $data" >&2; exit 1; }
  sqlite3 "$data/chengxin.db" ".timeout 30000" ".backup '$to/chengxin.db'"
  sqlite3 "$to/chengxin.db" "PRAGMA integrity_check;" | grep -qx ok || { echo "the copy fails SQLite's integrity check" >&2; exit 1; }
  if [ -d "$data/content" ]; then
    mkdir -p "$to/content"
    cp -a "$data/content/." "$to/content/"
  fi
  echo "sqlite" > "$to/kind"
fi
date -u +%Y-%m-%dT%H:%M:%SZ > "$to/taken-at"
echo "backup written to $to"
