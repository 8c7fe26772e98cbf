#!/usr/bin/env bash
# Restores a backup made by backup.sh into an empty place; stop the instances first.
#
#   scripts/instances/restore.sh --from BACKUP --data DIR                   # SQLite: DIR must hold no chengxin.db
#   scripts/instances/restore.sh --from BACKUP --connection "Host=…;…"      # PostgreSQL: the database must exist and be empty
#
# Then check it: ./chengxin audit verify --data DIR (with ConnectionStrings__Chengxin for PostgreSQL), and against a checkpoint
# kept outside the instance (--checkpoint FILE) to see that no recent part of the chain was lost with the backup's age.
set -euo pipefail
data="" connection="" from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --connection) connection=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$from/kind" ] || { echo "$from is not a backup made by backup.sh" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
case "$(cat "$from/kind")" in
  postgresql)
    [ -n "$connection" ] || { echo "a PostgreSQL backup needs --connection" >&2; exit 2; }
    # shellcheck source=pg-env.sh
    . "$here/pg-env.sh" "$connection"
    tables=$(psql -tAc "select count(*) from information_schema.tables where table_schema = 'public'")
    [ "$tables" = "0" ] || { echo "database $PGDATABASE is not empty ($tables tables): restore into a new database" >&2; exit 1; }
    pg_restore --no-owner --exit-on-error --single-transaction --dbname="$PGDATABASE" "$from/chengxin.pgdump"
    ;;
  sqlite)
    [ -n "$data" ] || { echo "a SQLite backup needs --data" >&2; exit 2; }
    [ ! -e "$data/chengxin.db" ] || { echo "$data/chengxin.db exists: restore into an empty data folder" >&2; exit 1; }
    mkdir -p "$data"
    cp "$from/chengxin.db" "$data/chengxin.db"
    [ ! -d "$from/content" ] || { mkdir -p "$data/content"; cp -a "$from/content/." "$data/content/"; }
    ;;
esac
echo "restored the backup taken at $(cat "$from/taken-at")"
