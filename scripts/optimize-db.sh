#!/usr/bin/env bash
# Optimizes the CodeB database while the service serves: VACUUM (ANALYZE) table by table, then REINDEX CONCURRENTLY of
# the indexes whose estimated bloat passes a threshold, with the tables printed before and after.
set -euo pipefail

CODEB_SCRIPT=optimize-db
usage() {
  cat <<'USAGE'
Usage: optimize-db.sh [--dry-run] [--bloat-threshold PCT] [--min-index-size SIZE]

Optimizes the tables of the CodeB database (schema public, the audit_logs partitions included) while
the service keeps serving:
  1. prints each table with its total size, live tuples and dead tuples (Before);
  2. runs VACUUM (ANALYZE) on each table, one table per command, so that each lock is short; the
     partitions of audit_logs are vacuumed one by one, then audit_logs is analyzed as a whole (which
     analyzes each partition too);
  3. estimates the bloat of each B-tree index and runs REINDEX INDEX CONCURRENTLY, one index per
     command, on each index of at least SIZE whose estimated bloat is at least PCT percent;
  4. prints the same table again (After).

  --bloat-threshold PCT  reindex an index whose estimated bloat is at least PCT% (0-100; default 30)
  --min-index-size SIZE  leave smaller indexes alone: bytes, or a number with kB, MB or GB (default 1MB)
  --dry-run              print the tables and the commands it would run; change nothing
  --help                 this text

Locks: none of them stops the service's reads and writes.
  VACUUM (ANALYZE)            SHARE UPDATE EXCLUSIVE on the table: reads and writes continue; only
                              schema changes and another VACUUM of the same table wait. It runs with
                              TRUNCATE false, because giving the empty end of a table back to the
                              operating system needs ACCESS EXCLUSIVE; the table reuses that space.
  ANALYZE audit_logs          SHARE UPDATE EXCLUSIVE on audit_logs and on each partition in turn.
  REINDEX INDEX CONCURRENTLY  SHARE UPDATE EXCLUSIVE on the table and the index: reads and writes
                              continue; it builds a new copy of the index and waits (normally briefly)
                              for transactions older than itself to end, so a transaction left open
                              keeps it waiting, never the service.
It never runs VACUUM FULL, CLUSTER or plain REINDEX: they take ACCESS EXCLUSIVE, which blocks every
read and write of the table.

When to run it: after large deletes, e.g. when the audit retention cleanup (its daily job or POST
/api/v1/admin/audit-logs/cleanup) has deleted many rows, or when a table's dead tuples keep growing
(GET /api/v1/admin/db/stats shows them). Autovacuum normally keeps up; this catches up at once and
also rebuilds bloated indexes, which VACUUM never shrinks.

Index bloat is measured with pgstatindex() when the pgstattuple extension is installed in the database
and this user may call it (exact, but reads every index of at least SIZE); otherwise it is estimated
from the planner statistics: the pages the index would need if rebuilt, from its row count and the
average width of its columns, against the pages it has. The estimate is rough (it cannot see B-tree
deduplication, so it tends to show too little bloat); --dry-run shows it without acting on it.

Connection: DATABASE_URL (postgresql://user:password@host:port/database), which wins, or
CODEB_DB_HOST, CODEB_DB_PORT (5432), CODEB_DB_NAME, CODEB_DB_USER, CODEB_DB_PASSWORD.
The password is handed to the PostgreSQL tools in PGPASSWORD and never printed. The user must own the
tables or the database (the service's own database user does). Exits non-zero on any failure; a REINDEX that fails
has the invalid copy of the index it leaves behind dropped.
USAGE
}

threshold=30
min_size=1MB
dry_run=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --dry-run) dry_run=true; shift ;;
    --bloat-threshold)
      [[ $# -ge 2 ]] || { echo "$CODEB_SCRIPT: --bloat-threshold needs a percentage" >&2; exit 2; }
      threshold="$2"; shift 2 ;;
    --bloat-threshold=*) threshold="${1#--bloat-threshold=}"; shift ;;
    --min-index-size)
      [[ $# -ge 2 ]] || { echo "$CODEB_SCRIPT: --min-index-size needs a size" >&2; exit 2; }
      min_size="$2"; shift 2 ;;
    --min-index-size=*) min_size="${1#--min-index-size=}"; shift ;;
    -*) echo "$CODEB_SCRIPT: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) echo "$CODEB_SCRIPT: takes no arguments, not '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ ! "$threshold" =~ ^[0-9]{1,3}$ ]] || ((10#$threshold > 100)); then
  echo "$CODEB_SCRIPT: --bloat-threshold must be a whole percentage from 0 to 100, not '$threshold'" >&2
  exit 2
fi
threshold=$((10#$threshold))
# kB, MB and GB are 1024-based, as in PostgreSQL's own sizes
if [[ ! "$min_size" =~ ^([0-9]{1,12})[[:space:]]*([bB]|[kKmMgG][bB])?$ ]]; then
  echo "$CODEB_SCRIPT: --min-index-size must be bytes or a number with kB, MB or GB, not '$min_size'" >&2
  exit 2
fi
min_bytes=$((10#${BASH_REMATCH[1]}))
case "${BASH_REMATCH[2],,}" in
  kb) min_bytes=$((min_bytes * 1024)) ;;
  mb) min_bytes=$((min_bytes * 1024 * 1024)) ;;
  gb) min_bytes=$((min_bytes * 1024 * 1024 * 1024)) ;;
esac

# shellcheck source=scripts/db-connection.sh
source "$(dirname "${BASH_SOURCE[0]}")/db-connection.sh"
codeb_require psql
codeb_db_connection
# A statement_timeout set for the service's role would cancel a long VACUUM or REINDEX halfway; NOTICEs (DROP INDEX IF
# EXISTS) are noise, while WARNINGs stay visible because they mean a step did not do its work.
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c statement_timeout=0 -c client_min_messages=warning"

query() {
  psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 "$@"
}

# $1 as an SQL string literal (standard_conforming_strings: only ' is special).
literal() {
  printf "'%s'" "${1//\'/\'\'}"
}

# psql's message on one line, without its "psql: error: " prefix.
one_line() {
  local text="${1#psql: error: }"
  text="${text//$'\n'/ }"
  text="${text//$'\t'/ }"
  printf '%s' "$text" | tr -s ' '
}

millis() {
  date +%s%3N
}

seconds_since() {
  local ms=$(($(millis) - $1))
  printf '%d.%01d s' $((ms / 1000)) $((ms % 1000 / 100))
}

size() {
  query -c "SELECT pg_size_pretty($1::bigint)"
}

if ! err="$(psql -X -q -A -t -c "SELECT 1" 2>&1 >/dev/null)"; then
  echo "$CODEB_SCRIPT: cannot connect to $PGDATABASE on $PGHOST:$PGPORT as $PGUSER: $(one_line "$err")" >&2
  exit 1
fi

# Leaf tables only: a partitioned table holds no rows of its own, its partitions are listed instead.
tables_sql="SELECT c.relname AS \"table\", pg_size_pretty(pg_total_relation_size(c.oid)) AS \"total size\",
       COALESCE(s.n_live_tup, 0) AS \"live tuples\", COALESCE(s.n_dead_tup, 0) AS \"dead tuples\"
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
 WHERE n.nspname = 'public' AND c.relkind = 'r'
 ORDER BY c.relname"
print_tables() {
  echo "$1:"
  psql -X -q -v ON_ERROR_STOP=1 -P pager=off -P footer=off -c "$tables_sql"
}

# Runs one statement as a psql command of its own: VACUUM and REINDEX CONCURRENTLY refuse to run inside a transaction
# block, and one command per table keeps each lock as short as that table's step. A WARNING counts as a failure: it is
# how VACUUM reports a table it skipped (one this user does not own). A relation that no longer exists (an audit
# partition that the retention cleanup dropped in the meantime) is skipped.
run_step() {
  local relation="$1" sql="$2" out started
  if [[ "$dry_run" == true ]]; then
    echo "$CODEB_SCRIPT: would run: $sql"
    return 0
  fi
  echo "$CODEB_SCRIPT: $sql"
  started="$(millis)"
  if out="$(psql -X -q -v ON_ERROR_STOP=1 -c "$sql" 2>&1)" && [[ "$out" != *WARNING:* ]]; then
    echo "$CODEB_SCRIPT:   done in $(seconds_since "$started")"
    return 0
  fi
  if [[ "$(query -c "SELECT to_regclass($(literal "$relation")) IS NULL")" == t ]]; then
    echo "$CODEB_SCRIPT:   skipped: $relation no longer exists"
    return 0
  fi
  echo "$CODEB_SCRIPT: $sql failed: $(one_line "$out")" >&2
  return 1
}

# A failed REINDEX CONCURRENTLY leaves an invalid index behind (named <index>_ccnew, or _ccold if it failed while
# dropping the old copy), which every write would keep updating; drops those of the table of index $1.
drop_leftovers() {
  local leftover
  while IFS= read -r leftover; do
    [[ -n "$leftover" ]] || continue
    echo "$CODEB_SCRIPT: dropping $leftover, the invalid copy left by the failed REINDEX"
    psql -X -q -v ON_ERROR_STOP=1 -c "DROP INDEX CONCURRENTLY IF EXISTS $leftover" ||
      echo "$CODEB_SCRIPT: could not drop $leftover; drop it with DROP INDEX CONCURRENTLY" >&2
  done < <(query -c "
    SELECT format('%I.%I', n.nspname, c.relname)
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.indrelid = (SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass($(literal "$1")))
       AND NOT i.indisvalid AND c.relname ~ '_cc(new|old)[0-9]*\$'")
}

mode="bloat threshold $threshold%, minimum index size $min_size"
[[ "$dry_run" == true ]] && mode="dry run, $mode"
echo "$CODEB_SCRIPT: optimizing $PGDATABASE on $PGHOST:$PGPORT as $PGUSER ($mode)"
print_tables Before

# Step 2. A partition is vacuumed without ANALYZE because ANALYZE of its partitioned table analyzes every partition
# as well as the table as a whole; autovacuum never analyzes a partitioned table, yet the planner uses those
# statistics for every query on audit_logs. The lists are read into variables first: a query failing inside a process
# substitution would go unnoticed by set -e and look like an empty list.
tables="$(query -c "
  SELECT format('%I.%I', n.nspname, c.relname), c.relkind, c.relispartition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
   ORDER BY c.relkind DESC, c.relname")" # 'r' before 'p': partitions are vacuumed before their table is analyzed
vacuumed=0
analyzed=0
while IFS=$'\t' read -r relation kind partition; do
  [[ -n "$relation" ]] || continue
  if [[ "$kind" == p ]]; then
    [[ "$partition" == t ]] && continue # analyzed with the partitioned table above it
    run_step "$relation" "ANALYZE $relation"
    analyzed=$((analyzed + 1))
  elif [[ "$partition" == t ]]; then
    run_step "$relation" "VACUUM (TRUNCATE false) $relation"
    vacuumed=$((vacuumed + 1))
  else
    run_step "$relation" "VACUUM (ANALYZE, TRUNCATE false) $relation"
    vacuumed=$((vacuumed + 1))
  fi
done <<<"$tables"

# Step 3. The bloat of each valid B-tree index of at least min_bytes, as a percentage of its pages, from the pages it
# would need if rebuilt (at its fillfactor, 90 unless set) against the pages it has.
# - pgstatindex() (pgstattuple) reports the leaf pages and their average density: a rebuilt index needs its internal
#   pages, the metapage, and the leaf pages that data fills at the fillfactor.
# - Otherwise the statistics-based estimate of the btree query of ioguix/pgsql-bloat-estimation: a leaf tuple is the
#   8-byte IndexTupleData header (16 with a null bitmap), MAXALIGNed, plus the columns' average widths from pg_stats
#   weighted by their non-null fraction, MAXALIGNed (8 on 64-bit); a leaf page of block_size bytes less its 24-byte
#   header and 16-byte B-tree special space holds fillfactor% of that in tuples plus their 4-byte line pointers. The
#   row count is the table's reltuples (just refreshed by VACUUM) for a full index and the index's own for a partial
#   one, whose null fraction is ignored because its predicate usually excludes nulls. Deduplication and suffix
#   truncation make real indexes smaller, so the estimate tends to err towards too little bloat rather than a needless
#   rebuild; an index without statistics (or not a B-tree) is not estimated.
# The schema the extension lives in is looked up first: resolving a function in a schema this user may not use (as
# pg_toast) raises an error instead of returning NULL.
pgstattuple="$(query -c "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                          WHERE e.extname = 'pgstattuple'")"
if [[ -n "$pgstattuple" && "$(query -c "
      SELECT CASE WHEN has_schema_privilege($(literal "$pgstattuple"), 'USAGE')
                  THEN COALESCE(has_function_privilege(
                           to_regprocedure(format('%I.pgstatindex(regclass)', $(literal "$pgstattuple"))), 'EXECUTE'), false)
                  ELSE false END")" != t ]]; then
  pgstattuple=""
fi
if [[ -n "$pgstattuple" ]]; then
  method="measured with pgstatindex()"
  expected_pages="(SELECT 1 + s.internal_pages + CASE WHEN s.leaf_pages > 0
                             THEN ceil(s.leaf_pages * s.avg_leaf_density / idx.fillfactor) ELSE 0 END
                     FROM $(printf '"%s"' "${pgstattuple//\"/\"\"}").pgstatindex(idx.oid) s)"
else
  method="estimated from the planner statistics"
  expected_pages="CASE WHEN w.unknown OR idx.tuples < 0 THEN NULL
                       ELSE 1 + ceil(idx.tuples / floor((current_setting('block_size')::int - 24 - 16)
                                                         * idx.fillfactor / 100.0
                                                         / (4 + CASE WHEN w.nulls THEN 16 ELSE 8 END
                                                              + ceil(w.data / 8) * 8))) END"
fi
[[ "$dry_run" == true ]] && method="$method; a dry run sees the tables as they are, before VACUUM"
estimate_sql="
WITH idx AS (
  SELECT ci.oid, format('%I.%I', n.nspname, ci.relname) AS name, ct.relname AS tbl, ci.relname AS idxname, n.nspname,
         am.amname, i.indrelid, i.indnatts, i.indkey, i.indpred IS NOT NULL AS partial,
         CASE WHEN i.indpred IS NULL THEN ct.reltuples ELSE ci.reltuples END AS tuples,
         pg_relation_size(ci.oid) AS bytes,
         COALESCE((SELECT substring(o FROM '^fillfactor=([0-9]+)\$')::int FROM unnest(ci.reloptions) o
                    WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor,
         EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ci.oid AND x.contype = 'x') AS exclusion
    FROM pg_index i
    JOIN pg_class ci ON ci.oid = i.indexrelid
    JOIN pg_class ct ON ct.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = ct.relnamespace
    JOIN pg_am am ON am.oid = ci.relam
   WHERE n.nspname = 'public' AND ci.relkind = 'i' AND i.indisvalid AND i.indisready AND i.indislive
), col AS (
  -- a column's statistics live under the table, an expression's under the index
  SELECT idx.oid, COALESCE(s.avg_width, CASE WHEN ia.attlen > 0 THEN ia.attlen END) AS width,
         CASE WHEN idx.partial THEN 0 ELSE COALESCE(s.null_frac, 0) END AS null_frac
    FROM idx
   CROSS JOIN LATERAL generate_series(0, idx.indnatts - 1) AS k(pos)
    JOIN pg_attribute ia ON ia.attrelid = idx.oid AND ia.attnum = k.pos + 1
    LEFT JOIN pg_attribute ta ON ta.attrelid = idx.indrelid AND ta.attnum = idx.indkey[k.pos]
    LEFT JOIN pg_stats s ON s.schemaname = idx.nspname AND NOT s.inherited
         AND ((idx.indkey[k.pos] <> 0 AND s.tablename = idx.tbl AND s.attname = ta.attname)
           OR (idx.indkey[k.pos] = 0 AND s.tablename = idx.idxname AND s.attname = ia.attname))
), w AS (
  SELECT oid, bool_or(width IS NULL) AS unknown, bool_or(null_frac > 0) AS nulls, sum(width * (1 - null_frac)) AS data
    FROM col GROUP BY oid
), estimate AS (
  SELECT idx.name, idx.tbl, idx.bytes, idx.amname, idx.exclusion,
         CASE WHEN idx.amname = 'btree' AND idx.bytes >= $min_bytes THEN $expected_pages END AS expected
    FROM idx JOIN w USING (oid)
)
SELECT name, tbl, bytes, pg_size_pretty(bytes),
       CASE WHEN expected IS NULL THEN '-'
            ELSE greatest(0, round(100 * (1 - expected
                                               / greatest(bytes / current_setting('block_size')::int, 1))))::text
       END,
       CASE WHEN bytes < $min_bytes THEN 'small'
            WHEN amname <> 'btree' THEN 'not estimated (' || amname || ' index)'
            WHEN expected IS NULL THEN 'not estimated (no statistics yet)'
            WHEN exclusion THEN 'exclusion'
            ELSE '-' END
  FROM estimate
 ORDER BY bytes DESC, name"

estimates="$(query -c "$estimate_sql")"
rows=()
small=0
to_reindex=()
header=(index table size bloat action)
widths=(5 5 4 5 6)
while IFS=$'\t' read -r name table bytes pretty bloat note; do
  [[ -n "$name" ]] || continue
  if [[ "$note" == small ]]; then
    small=$((small + 1))
    continue
  fi
  if [[ "$note" == exclusion ]]; then
    action="keep: backs an exclusion constraint, which REINDEX CONCURRENTLY cannot rebuild"
  elif [[ "$note" != - ]]; then
    action="keep: $note"
  elif ((bloat >= threshold)); then
    action="REINDEX CONCURRENTLY"
    to_reindex+=("$name"$'\t'"$bytes"$'\t'"$bloat")
  else
    action="keep: below $threshold%"
  fi
  shown="$bloat"
  [[ "$bloat" != - ]] && shown="$bloat%"
  row=("$name" "$table" "$pretty" "$shown" "$action")
  for i in "${!row[@]}"; do
    ((${#row[i]} > widths[i])) && widths[i]=${#row[i]}
  done
  rows+=("$(printf '%s\t' "${row[@]}")")
done <<<"$estimates"

echo "Index bloat ($method):"
# laid out like psql's own tables above: text left-aligned, sizes and percentages right-aligned
print_row() {
  printf " %-*s | %-*s | %*s | %*s | %s\n" \
    "${widths[0]}" "$1" "${widths[1]}" "$2" "${widths[2]}" "$3" "${widths[3]}" "$4" "$5"
}
rule() {
  printf '%*s' "$1" '' | tr ' ' -
}
print_row "${header[@]}"
printf -- '-%s-+-%s-+-%s-+-%s-+-%s-\n' "$(rule "${widths[0]}")" "$(rule "${widths[1]}")" "$(rule "${widths[2]}")" \
  "$(rule "${widths[3]}")" "$(rule "${widths[4]}")"
for r in "${rows[@]}"; do
  IFS=$'\t' read -r -a row <<<"$r"
  print_row "${row[@]}"
done
echo "($small smaller indexes left alone, under $min_size)"

reindexed=0
for r in "${to_reindex[@]}"; do
  IFS=$'\t' read -r name bytes bloat <<<"$r"
  if ! run_step "$name" "REINDEX INDEX CONCURRENTLY $name"; then
    drop_leftovers "$name"
    exit 1
  fi
  if [[ "$dry_run" != true ]]; then
    after="$(query -c "SELECT COALESCE(pg_relation_size(to_regclass($(literal "$name")))::text, '')")"
    if [[ -n "$after" ]]; then
      echo "$CODEB_SCRIPT:   reindexed $name: $(size "$bytes") -> $(size "$after") (bloat was $bloat%)"
      reindexed=$((reindexed + 1))
    fi
  fi
done

if [[ "$dry_run" == true ]]; then
  echo "$CODEB_SCRIPT: dry run: would vacuum $vacuumed tables, analyze $analyzed partitioned tables and reindex" \
    "${#to_reindex[@]} indexes; nothing was changed"
  exit 0
fi
print_tables After
echo "$CODEB_SCRIPT: done: vacuumed $vacuumed tables, analyzed $analyzed partitioned tables," \
  "reindexed $reindexed indexes"
