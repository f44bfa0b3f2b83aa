#!/usr/bin/env bash
# Restores a backup made by backup-db.sh into an empty database and proves it by the row counts recorded at backup time.
set -euo pipefail

CODEB_SCRIPT=restore-db
usage() {
  cat <<'USAGE'
Usage: restore-db.sh [--force] DUMP

Restores DUMP (a pg_dump custom-format archive made by backup-db.sh) into the database named by the
connection below, in one transaction, then compares the row count of every table with DUMP.counts,
written at backup time; any difference fails the restore. Then it analyzes the restored tables (and
only those: the system catalogs are left alone), so the planner has statistics from the start.

The target database must be empty (no tables, views, sequences or functions outside the system
schemas): create it first, e.g. createdb codeb. --force restores into a database that is not empty
by emptying it first: every schema outside the system ones is dropped with all it holds, and an
empty public schema is created. Emptying and restoring are one transaction: if the restore fails,
the database is left as it was.

  --force   empty a database that is not empty, then restore
  --help    this text

Connection: DATABASE_URL (postgresql://user:password@host:port/database), which wins, or
CODEB_DB_HOST, CODEB_DB_PORT (5432), CODEB_DB_NAME, CODEB_DB_USER, CODEB_DB_PASSWORD.
The password is handed to the PostgreSQL tools in PGPASSWORD and never printed.
Objects are owned by the restoring user (--no-owner). Exits non-zero on any failure.
USAGE
}

force=false
dump=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --force) force=true; shift ;;
    -*) echo "$CODEB_SCRIPT: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      [[ -z "$dump" ]] || { echo "$CODEB_SCRIPT: name one dump only (see --help)" >&2; exit 2; }
      dump="$1"; shift ;;
  esac
done
if [[ -z "$dump" ]]; then
  echo "$CODEB_SCRIPT: name the dump to restore (see --help)" >&2
  exit 2
fi
if [[ ! -f "$dump" ]]; then
  echo "$CODEB_SCRIPT: no dump at $dump" >&2
  exit 1
fi
if [[ ! -f "$dump.counts" ]]; then
  echo "$CODEB_SCRIPT: no row counts at $dump.counts; without them the restore cannot be verified" >&2
  exit 1
fi

# shellcheck source=scripts/db-connection.sh
source "$(dirname "${BASH_SOURCE[0]}")/db-connection.sh"
codeb_require pg_restore psql
codeb_db_connection

if ! pg_restore --list "$dump" >/dev/null; then
  echo "$CODEB_SCRIPT: $dump is not a readable pg_dump archive" >&2
  exit 1
fi

query() {
  psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 "$@"
}

# $1 as an SQL string literal (standard_conforming_strings, which pg_restore's script sets: only ' is special).
literal() {
  printf "'%s'" "${1//\'/\'\'}"
}

objects="$(query -c "
  SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
       + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e'))")"
empty_first=""
if [[ "$objects" != 0 ]]; then
  if [[ "$force" != true ]]; then
    echo "$CODEB_SCRIPT: the database $PGDATABASE on $PGHOST:$PGPORT is not empty ($objects objects); restore into an empty" \
      "database, or pass --force to empty it first" >&2
    exit 1
  fi
  echo "$CODEB_SCRIPT: --force: emptying the database $PGDATABASE ($objects objects) in the restore's transaction"
  empty_first="$(cat <<'SQL'
DO $$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
END
$$;
CREATE SCHEMA public;
GRANT USAGE ON SCHEMA public TO PUBLIC;
SQL
)"
fi

values=()
while IFS=$'\t' read -r schema table rows; do
  [[ -z "$schema" || "$schema" == \#* ]] && continue
  if [[ ! "$rows" =~ ^[0-9]+$ || -z "$table" ]]; then
    echo "$CODEB_SCRIPT: $dump.counts is malformed near '$schema $table'" >&2
    exit 1
  fi
  values+=("$(literal "$schema"), $(literal "$table"), $rows")
done <"$dump.counts"
if [[ ${#values[@]} -eq 0 ]]; then
  echo "$CODEB_SCRIPT: $dump.counts lists no tables" >&2
  exit 1
fi

# Runs after the data is loaded, in the same transaction: a count that differs raises an error, which rolls the whole
# restore back. Names come from the counts file as literals and reach SQL only through format('%I').
expected=""
for row in "${values[@]}"; do
  expected+="${expected:+,}"$'\n'"  ($row)"
done
verify="CREATE TEMPORARY TABLE codeb_expected_counts (s text, t text, expected bigint) ON COMMIT DROP;
INSERT INTO codeb_expected_counts VALUES$expected;"
verify+="$(cat <<'SQL'

DO $$
DECLARE e record; actual bigint; differences text := '';
BEGIN
  FOR e IN SELECT * FROM codeb_expected_counts ORDER BY s, t LOOP
    IF to_regclass(format('%I.%I', e.s, e.t)) IS NULL THEN
      differences := differences || format(E'\n  %I.%I: missing, expected %s rows', e.s, e.t, e.expected);
      CONTINUE;
    END IF;
    EXECUTE format('SELECT count(*) FROM ONLY %I.%I', e.s, e.t) INTO actual;
    IF actual <> e.expected THEN
      differences := differences || format(E'\n  %I.%I: %s rows, expected %s', e.s, e.t, actual, e.expected);
    END IF;
  END LOOP;
  IF differences <> '' THEN
    RAISE EXCEPTION 'the restored row counts differ from the backup''s:%', differences;
  END IF;
END
$$;
-- A restored database has no planner statistics yet. Only the restored tables are analyzed: a bare ANALYZE visits the
-- system catalogs too, which a user who is not superuser may not analyze (a WARNING for each). A partition is analyzed
-- through its partitioned table, which also gathers the statistics of the table as a whole.
DO $$
DECLARE targets text;
BEGIN
  SELECT string_agg(DISTINCT COALESCE(pg_partition_root(r), r)::text, ', ') INTO targets
    FROM (SELECT to_regclass(format('%I.%I', s, t)) AS r FROM codeb_expected_counts) restored;
  EXECUTE 'ANALYZE ' || targets;
END
$$;
SQL
)"

echo "$CODEB_SCRIPT: restoring $dump into $PGDATABASE on $PGHOST:$PGPORT as $PGUSER"
# pg_restore writes the archive as SQL; psql runs the optional emptying, the archive and the verification as one
# transaction that stops at the first error (pg_restore --clean cannot replace partitioned tables, so --force empties).
if ! {
  echo "SET client_min_messages = warning;"
  printf '%s\n' "$empty_first"
  pg_restore --no-owner --file=- "$dump"
  printf '%s\n' "$verify"
} | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f - >/dev/null; then
  echo "$CODEB_SCRIPT: the restore failed and was rolled back; $PGDATABASE is as it was" >&2
  exit 1
fi
echo "$CODEB_SCRIPT: restored and verified ${#values[@]} tables against $dump.counts"
