#!/usr/bin/env bash
# Backs up the CodeB database: pg_dump custom format, verified, with the row count of every table beside it.
set -euo pipefail

CODEB_SCRIPT=backup-db
umask 077 # dumps hold key hashes and encrypted secrets
usage() {
  cat <<'USAGE'
Usage: backup-db.sh [--keep N] [DIRECTORY]

Dumps the CodeB database with pg_dump in custom format (-Fc) to
  DIRECTORY/codeb-<database>-<UTC time>.dump
and writes the exact row count of every table, taken in the same snapshot as the dump, to
  DIRECTORY/codeb-<database>-<UTC time>.dump.counts
which restore-db.sh checks after restoring. The dump is verified with pg_restore --list before it
counts as a backup; then all but the newest N backups of this database in DIRECTORY are deleted.

  DIRECTORY   where backups go; default: $CODEB_BACKUP_DIR
  --keep N    how many backups to keep (default 7)
  --help      this text

Connection: DATABASE_URL (postgresql://user:password@host:port/database), which wins, or
CODEB_DB_HOST, CODEB_DB_PORT (5432), CODEB_DB_NAME, CODEB_DB_USER, CODEB_DB_PASSWORD.
The password is handed to the PostgreSQL tools in PGPASSWORD and never printed.
Exits non-zero on any failure, leaving no partial backup behind.
USAGE
}

keep=7
dir="${CODEB_BACKUP_DIR:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --keep)
      [[ $# -ge 2 ]] || { echo "$CODEB_SCRIPT: --keep needs a number" >&2; exit 2; }
      keep="$2"; shift 2 ;;
    --keep=*) keep="${1#--keep=}"; shift ;;
    -*) echo "$CODEB_SCRIPT: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) dir="$1"; shift ;;
  esac
done
if [[ ! "$keep" =~ ^[1-9][0-9]*$ ]]; then
  echo "$CODEB_SCRIPT: --keep must be a whole number of at least 1, not '$keep'" >&2
  exit 2
fi
if [[ -z "$dir" ]]; then
  echo "$CODEB_SCRIPT: name a backup directory, or set CODEB_BACKUP_DIR (see --help)" >&2
  exit 2
fi

# shellcheck source=scripts/db-connection.sh
source "$(dirname "${BASH_SOURCE[0]}")/db-connection.sh"
codeb_require pg_dump pg_restore psql
codeb_db_connection

mkdir -p "$dir"
safe_db="$(printf '%s' "$PGDATABASE" | tr -c 'A-Za-z0-9_.-' '_')"
stamp="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
while [[ -e "$dir/codeb-$safe_db-$stamp.dump" ]]; do
  sleep 0.01
  stamp="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
done
dump="$dir/codeb-$safe_db-$stamp.dump"
partial="$dump.partial"
counts_partial="$dump.counts.partial"

psql_pid=""
cleanup() {
  rm -f "$partial" "$counts_partial"
  if [[ -n "$psql_pid" ]]; then
    kill "$psql_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "$CODEB_SCRIPT: dumping $PGDATABASE on $PGHOST:$PGPORT as $PGUSER to $dump"
# fail here, with psql's own message, rather than inside the session below
psql -X -q -A -t -c "SELECT 1" >/dev/null

# One session holds a repeatable-read transaction open for the whole backup: it exports its snapshot, which pg_dump
# then dumps, and counts the rows in that same snapshot, so the counts match the dump even while the service writes.
coproc PSQL { psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 2>&1; }
psql_pid=$PSQL_PID
exec {psql_in}>&"${PSQL[1]}"
exec {psql_out}<&"${PSQL[0]}"

# Reads the session's output up to the line __done__; fails on anything that looks like an error.
read_until_done() {
  local line
  while IFS= read -r -t 600 line <&"$psql_out"; do
    if [[ "$line" == "__done__" ]]; then
      return 0
    fi
    if [[ "$line" == *ERROR:* || "$line" == *FATAL:* || "$line" == psql:* ]]; then
      echo "$CODEB_SCRIPT: $line" >&2
      return 1
    fi
    printf '%s\n' "$line"
  done
  echo "$CODEB_SCRIPT: the database session ended unexpectedly" >&2
  return 1
}

cat >&"$psql_in" <<'SQL'
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SELECT pg_export_snapshot();
SELECT '__done__';
SQL
snapshot="$(read_until_done)"
if [[ ! "$snapshot" =~ ^[0-9A-Fa-f-]+$ ]]; then
  echo "$CODEB_SCRIPT: could not export a snapshot from the database" >&2
  exit 1
fi

# Every table that holds rows (partitions included, partitioned parents excluded), counted in the exported snapshot.
cat >&"$psql_in" <<'SQL'
SELECT COALESCE(string_agg(format('SELECT %L, %L, count(*) FROM ONLY %I.%I', n.nspname, c.relname, n.nspname, c.relname),
                           ' UNION ALL ' ORDER BY n.nspname, c.relname),
                'SELECT NULL, NULL, NULL WHERE false')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
\gexec
SELECT '__done__';
SQL
{
  echo "# row counts of $PGDATABASE in the snapshot of $(basename "$dump"): schema, table, rows"
  read_until_done
} >"$counts_partial"

pg_dump --format=custom --snapshot="$snapshot" --file="$partial"

printf 'COMMIT;\n\\q\n' >&"$psql_in"
exec {psql_in}>&-
wait "$psql_pid" || true
psql_pid=""

# The archive must be readable, and hold the data of every table that had rows.
listing="$(pg_restore --list "$partial")"
while IFS=$'\t' read -r schema table rows; do
  [[ -z "$schema" || "$schema" == \#* ]] && continue
  if [[ "$rows" != 0 ]] && ! grep -qF " TABLE DATA $schema $table " <<<"$listing"; then
    echo "$CODEB_SCRIPT: the dump has no data for $schema.$table ($rows rows)" >&2
    exit 1
  fi
done <"$counts_partial"

mv "$counts_partial" "$dump.counts"
mv "$partial" "$dump"
echo "$CODEB_SCRIPT: wrote $dump ($(wc -c <"$dump") bytes, $(grep -vc '^#' "$dump.counts") tables)"

# Keep the newest $keep backups of this database; the UTC time in the name sorts them. The pattern starts the time with
# a digit, so the backups of a database whose name merely begins with this one's are left alone.
mapfile -t backups < <(find "$dir" -maxdepth 1 -type f -name "codeb-$safe_db-[0-9]*T[0-9]*Z.dump" | LC_ALL=C sort -r)
for old in "${backups[@]:$keep}"; do
  rm -f "$old" "$old.counts"
  echo "$CODEB_SCRIPT: removed old backup $old"
done
