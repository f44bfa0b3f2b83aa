package kr.codeb.control.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import org.jboss.logging.Logger;

/**
 * Deletes audit rows older than the retention (SPEC §6): drops every monthly partition that lies wholly before the
 * cut-off, then deletes the rest in small batches, each its own short statement, so the table is never locked for
 * long. One run at a time across all replicas: a session advisory lock, held on the connection that does the work.
 */
@ApplicationScoped
public class AuditCleanup {

    /** The advisory lock key of the cleanup (arbitrary, distinct from other jobs' keys). */
    public static final long LOCK_KEY = 7_262_002L;
    /** Rows per DELETE statement. */
    public static final int BATCH_SIZE = 1000;

    private static final Logger LOG = Logger.getLogger(AuditCleanup.class);

    private final Db db;
    private final CodebConfig config;

    AuditCleanup(Db db, CodebConfig config) {
        this.db = db;
        this.config = config;
    }

    @Scheduled(identity = "audit-cleanup", cron = "{codeb.audit-cleanup-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        int days = config.auditRetentionDays();
        return run(days)
                .invoke(result -> result.ifPresentOrElse(
                        deleted -> LOG.infof("audit cleanup deleted %d rows older than %d days", deleted, days),
                        () -> LOG.info("audit cleanup skipped: another replica is running it")))
                .onFailure().invoke(e -> LOG.errorf("audit cleanup failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Deletes the rows older than {@code olderThanDays} days; the number deleted, or empty when another run (on any
     * replica) holds the lock.
     */
    public Uni<Optional<Long>> run(int olderThanDays) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(olderThanDays);
        return db.pool().withConnection(conn -> db.query(conn, "audit.cleanup_lock", "SELECT pg_try_advisory_lock($1) AS got",
                        Tuple.of(LOCK_KEY))
                .chain(rows -> {
                    if (!rows.iterator().next().getBoolean("got")) {
                        return Uni.createFrom().item(Optional.<Long>empty());
                    }
                    return deleteBefore(conn, cutoff).map(Optional::of)
                            .call(() -> db.query(conn, "audit.cleanup_unlock", "SELECT pg_advisory_unlock($1)",
                                    Tuple.of(LOCK_KEY)))
                            .onFailure().call(() -> db.query(conn, "audit.cleanup_unlock", "SELECT pg_advisory_unlock($1)",
                                    Tuple.of(LOCK_KEY)).onFailure().recoverWithNull());
                }));
    }

    private Uni<Long> deleteBefore(SqlConnection conn, OffsetDateTime cutoff) {
        return expiredPartitions(conn, cutoff)
                .chain(names -> Multi.createFrom().iterable(names)
                        .onItem().transformToUniAndConcatenate(name -> dropPartition(conn, name))
                        .collect().with(Collectors.summingLong(Long::longValue)))
                .chain(dropped -> deleteInBatches(conn, cutoff).map(rest -> dropped + rest));
    }

    /** The partitions whose whole month ends at or before {@code cutoff}, oldest first. */
    private Uni<List<String>> expiredPartitions(SqlConnection conn, OffsetDateTime cutoff) {
        return db.query(conn, "audit.partitions", "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'audit_logs'::regclass ORDER BY c.relname", Tuple.tuple())
                .map(rows -> {
                    List<String> expired = new ArrayList<>();
                    for (Row row : rows) {
                        String name = row.getString("relname");
                        Optional<YearMonth> month = AuditPartitions.month(name);
                        if (month.isPresent() && !AuditPartitions.end(month.get()).isAfter(cutoff)) {
                            expired.add(name);
                        }
                    }
                    return expired;
                });
    }

    /**
     * Counts and drops one expired partition; 0 when its lock cannot be had quickly (its rows are then deleted in
     * batches like the rest). The name comes from the catalogue and matched the partition pattern: no request text.
     */
    private Uni<Long> dropPartition(SqlConnection conn, String name) {
        String table = "\"" + name + "\"";
        return db.query(conn, "audit.partition_count", "SELECT count(*) AS n FROM " + table, Tuple.tuple())
                .map(rows -> rows.iterator().next().getLong("n"))
                .chain(count -> conn.begin().chain(tx -> conn.query("SET LOCAL lock_timeout = '3s'").execute()
                                .chain(() -> conn.query("DROP TABLE IF EXISTS " + table).execute())
                                .chain(() -> tx.commit())
                                .onFailure().call(() -> tx.rollback().onFailure().recoverWithNull()))
                        .invoke(() -> LOG.infof("dropped expired audit partition %s (%d rows)", name, count))
                        .replaceWith(count)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("could not drop audit partition %s, deleting its rows instead: %s", name, e.getMessage());
                            return 0L;
                        }));
    }

    /** Deletes the remaining rows before {@code cutoff}, {@value #BATCH_SIZE} per statement, until none is left. */
    private Uni<Long> deleteInBatches(SqlConnection conn, OffsetDateTime cutoff) {
        return Multi.createBy().repeating()
                .uni(() -> db.query(conn, "audit.cleanup_batch", "DELETE FROM audit_logs WHERE timestamp < $1"
                                + " AND (id, timestamp) IN (SELECT id, timestamp FROM audit_logs WHERE timestamp < $1 LIMIT $2)",
                        Tuple.of(cutoff, BATCH_SIZE)).map(rows -> (long) rows.rowCount()))
                .whilst(deleted -> deleted == BATCH_SIZE)
                .collect().with(Collectors.summingLong(Long::longValue));
    }
}
