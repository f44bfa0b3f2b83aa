package kr.codeb.control.audit;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import kr.codeb.control.common.db.Db;
import org.jboss.logging.Logger;

/**
 * Keeps the monthly partitions of {@code audit_logs} ahead of time: the current month and the next
 * {@value #MONTHS_AHEAD}, created at start-up and daily. Creating them early keeps the DEFAULT partition empty,
 * which matters because a partition cannot be created while the default one holds rows of its range (the SQL
 * function moves such rows in that case, but under a heavier lock).
 */
@ApplicationScoped
public class AuditPartitions {

    /** Months created beyond the current one. */
    public static final int MONTHS_AHEAD = 3;

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    private static final Pattern NAME = Pattern.compile("audit_logs_y(\\d{4})m(\\d{2})");

    private final Db db;

    AuditPartitions(Db db) {
        this.db = db;
    }

    void onStart(@Observes StartupEvent event) {
        // not awaited: start-up does not wait on it, and the migration already made the months ahead
        ensureAhead().subscribe().with(ignored -> { });
    }

    @Scheduled(identity = "audit-partitions", cron = "0 17 0 * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return ensureAhead();
    }

    /** Creates the missing partitions from this month to {@value #MONTHS_AHEAD} months ahead; failures are logged. */
    public Uni<Void> ensureAhead() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<YearMonth> months = IntStream.rangeClosed(0, MONTHS_AHEAD).mapToObj(now::plusMonths).toList();
        return Multi.createFrom().iterable(months)
                .onItem().transformToUniAndConcatenate(this::ensure)
                .collect().asList()
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("audit partitions could not be created ahead (next try tomorrow): %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Creates the partition of {@code month} unless it exists; true when it was created. */
    public Uni<Boolean> ensure(YearMonth month) {
        return db.query("audit.ensure_partition", "SELECT audit_logs_ensure_partition($1) AS created",
                        Tuple.of(month.atDay(1)))
                .map(rows -> rows.iterator().next().getBoolean("created"))
                .invoke(created -> {
                    if (created) {
                        LOG.infof("created audit partition %s", name(month));
                    }
                });
    }

    /** The partition of {@code month}. */
    public static String name(YearMonth month) {
        return String.format("audit_logs_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    /** The month a partition of this name holds; empty for any other table name. */
    public static Optional<YearMonth> month(String tableName) {
        Matcher m = NAME.matcher(tableName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(m.group(2));
        return month >= 1 && month <= 12 ? Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), month))
                : Optional.empty();
    }

    /** The first instant after the partition of {@code month}: its exclusive upper bound. */
    public static java.time.OffsetDateTime end(YearMonth month) {
        LocalDate next = month.plusMonths(1).atDay(1);
        return next.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
