package kr.codeb.control.ops;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** The monitoring queries of seed 001 over PostgreSQL's catalogue and statistics views; all read-only. */
@ApplicationScoped
public class DbStatsRepository {

    /** Top-level tables of the current schema; a partitioned table adds up its partition tree. */
    private static final String TABLES = """
            SELECT c.relname AS name,
                   COALESCE(SUM(pg_total_relation_size(t.relid)), 0)::bigint AS total_bytes,
                   COALESCE(SUM(pg_relation_size(t.relid)), 0)::bigint AS table_bytes,
                   COALESCE(SUM(pg_indexes_size(t.relid)), 0)::bigint AS index_bytes,
                   COALESCE(SUM(s.n_live_tup), 0)::bigint AS live_tuples,
                   COALESCE(SUM(s.n_dead_tup), 0)::bigint AS dead_tuples,
                   (COUNT(*) FILTER (WHERE t.isleaf AND t.level > 0))::int AS partitions,
                   MAX(s.last_vacuum) AS last_vacuum, MAX(s.last_autovacuum) AS last_autovacuum,
                   MAX(s.last_analyze) AS last_analyze, MAX(s.last_autoanalyze) AS last_autoanalyze
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              CROSS JOIN LATERAL (SELECT p.relid::oid AS relid, p.isleaf, p.level FROM pg_partition_tree(c.oid) p
                                   WHERE c.relkind = 'p'
                                  UNION ALL
                                  SELECT c.oid, true, 0 WHERE c.relkind = 'r') t
              LEFT JOIN pg_stat_user_tables s ON s.relid = t.relid
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             GROUP BY c.relname
             ORDER BY total_bytes DESC, name""";

    private static final String INDEXES = """
            SELECT s.indexrelname AS name, s.relname AS table_name, s.idx_scan AS scans,
                   pg_relation_size(s.indexrelid) AS size_bytes
              FROM pg_stat_user_indexes s
             WHERE s.schemaname = current_schema()
             ORDER BY s.relname, s.indexrelname""";

    private static final String DATABASE = """
            SELECT current_database() AS name, pg_database_size(current_database()) AS size_bytes,
                   CASE WHEN d.blks_hit + d.blks_read = 0 THEN NULL
                        ELSE d.blks_hit::float8 / (d.blks_hit + d.blks_read) END AS cache_hit_ratio,
                   d.numbackends AS connections
              FROM pg_stat_database d WHERE d.datname = current_database()""";

    /** Works whether or not Flyway ever ran here: the history table may be missing (QUARKUS_FLYWAY_ACTIVE=false). */
    private static final String SCHEMA = """
            SELECT to_regclass('flyway_schema_history') IS NOT NULL AS present""";

    private static final String HISTORY = """
            -- installed_on is a TIMESTAMP without zone (Flyway's session time); read it as this session's zone
            SELECT (SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                     ORDER BY installed_rank DESC LIMIT 1) AS version,
                   (SELECT installed_on AT TIME ZONE current_setting('TimeZone') FROM flyway_schema_history WHERE success AND version IS NOT NULL
                     ORDER BY installed_rank DESC LIMIT 1) AS installed_on,
                   (SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success) AS failed""";

    /** The applied schema: newest version, when it was applied, failed migrations. */
    public record AppliedSchema(String version, Instant installedOn, long failed) {
        static final AppliedSchema NONE = new AppliedSchema(null, null, 0);
    }

    private final Db db;

    DbStatsRepository(Db db) {
        this.db = db;
    }

    public Uni<List<DbStats.TableStats>> tables() {
        return db.query("stats.tables", TABLES, Tuple.tuple()).map(rows -> StreamSupport.stream(rows.spliterator(), false)
                .map(r -> new DbStats.TableStats(r.getString("name"), r.getLong("total_bytes"), r.getLong("table_bytes"),
                        r.getLong("index_bytes"), r.getLong("live_tuples"), r.getLong("dead_tuples"), r.getInteger("partitions"),
                        instant(r, "last_vacuum"), instant(r, "last_autovacuum"), instant(r, "last_analyze"),
                        instant(r, "last_autoanalyze")))
                .toList());
    }

    public Uni<List<DbStats.IndexStats>> indexes() {
        return db.query("stats.indexes", INDEXES, Tuple.tuple()).map(rows -> StreamSupport.stream(rows.spliterator(), false)
                .map(r -> new DbStats.IndexStats(r.getString("name"), r.getString("table_name"), r.getLong("scans"),
                        r.getLong("size_bytes")))
                .toList());
    }

    public Uni<DbStats.DatabaseState> database() {
        return db.query("stats.database", DATABASE, Tuple.tuple()).map(rows -> {
            Row r = rows.iterator().next();
            return new DbStats.DatabaseState(r.getString("name"), r.getLong("size_bytes"), r.getDouble("cache_hit_ratio"),
                    r.getInteger("connections"));
        });
    }

    public Uni<AppliedSchema> appliedSchema() {
        return db.query("stats.schema_present", SCHEMA, Tuple.tuple())
                .chain(present -> !present.iterator().next().getBoolean("present") ? Uni.createFrom().item(AppliedSchema.NONE)
                        : db.query("stats.schema", HISTORY, Tuple.tuple()).map(rows -> {
                            Row r = rows.iterator().next();
                            return new AppliedSchema(r.getString("version"), instant(r, "installed_on"), r.getLong("failed"));
                        }));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
