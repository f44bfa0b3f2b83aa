package kr.codeb.control.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The audit cleanup: exactly the rows past retention go, whole partitions are dropped, the rest is deleted in
 * batches, and only one run at a time proceeds. Rows are inserted with old timestamps straight into the database;
 * every expired row a test makes is removed by that test's own cleanup.
 */
@QuarkusTest
class AuditCleanupTest {

    private static final String PATH = "/api/v1/admin/audit-logs/cleanup";
    private static final int DAYS = 400;

    @Inject
    AuditCleanup cleanup;

    @Inject
    AuditPartitions partitions;

    @Test
    void cleanupRemovesExactlyTheExpiredRowsAcrossPartitionBoundaries() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(DAYS);
        YearMonth cutoffMonth = YearMonth.from(cutoff);
        YearMonth before = cutoffMonth.minusMonths(1);
        assertTrue(partitions.ensure(before).await().indefinitely());
        partitions.ensure(cutoffMonth).await().indefinitely();
        String team = "tc" + Fixtures.unique();

        // a whole month before the cut-off: goes with its partition
        insert(team, AuditPartitions.end(before).minusDays(3), 1);
        // 2,500 rows just before the cut-off (in the cut-off's month, or the one before): deleted in batches
        insert(team, cutoff.minusMinutes(2), 2500);
        // a month without a partition: the row sits in the DEFAULT partition and is deleted from there
        insert(team, AuditPartitions.end(cutoffMonth.minusMonths(4)).minusDays(5), 1);
        // kept: just after the cut-off, and later
        insert(team, cutoff.plusMinutes(5), 1);
        insert(team, cutoff.plusDays(2), 1);

        Fixtures.asSystem().body("{\"olderThanDays\":" + DAYS + "}").post(PATH).then().statusCode(200)
                .body("deleted", equalTo(2502));

        List<Row> left = AuditRows.query("SELECT timestamp FROM audit_logs WHERE team_id = $1 ORDER BY timestamp",
                Tuple.of(team));
        assertEquals(2, left.size());
        assertTrue(left.get(0).getOffsetDateTime("timestamp").isAfter(cutoff));
        assertNull(relation(AuditPartitions.name(before)), "the wholly expired partition is dropped");
        assertNotNull(relation(AuditPartitions.name(cutoffMonth)), "the partition holding the cut-off stays");
        AuditRows.query("DELETE FROM audit_logs WHERE team_id = $1", Tuple.of(team));
    }

    @Test
    void aCleanupRunningElsewhereMakesTheNextOneSkip() {
        SqlConnection other = Fixtures.pool().getConnection().await().indefinitely();
        try {
            other.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(AuditCleanup.LOCK_KEY))
                    .await().indefinitely();
            Fixtures.asSystem().body("{\"olderThanDays\":" + DAYS + "}").post(PATH).then().statusCode(409)
                    .contentType("application/problem+json");
            assertEquals(Optional.empty(), cleanup.run(DAYS).await().indefinitely());
        } finally {
            other.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(AuditCleanup.LOCK_KEY))
                    .await().indefinitely();
            other.close().await().indefinitely();
        }
        Fixtures.asSystem().body("{\"olderThanDays\":" + DAYS + "}").post(PATH).then().statusCode(200);
    }

    @Test
    void twoCleanupsStartedTogetherDeleteEachRowOnce() {
        String team = "tc" + Fixtures.unique();
        insert(team, OffsetDateTime.now(ZoneOffset.UTC).minusDays(DAYS + 1), 3000);

        var both = Uni.combine().all().unis(cleanup.run(DAYS), cleanup.run(DAYS)).asTuple().await().indefinitely();

        Optional<Long> first = both.getItem1();
        Optional<Long> second = both.getItem2();
        assertTrue(first.isPresent() || second.isPresent(), "one of them ran");
        assertEquals(3000L, first.orElse(0L) + second.orElse(0L), "no row counted twice");
        assertEquals(0, AuditRows.query("SELECT id FROM audit_logs WHERE team_id = $1", Tuple.of(team)).size());
    }

    @Test
    void withoutABodyTheConfiguredRetentionApplies() {
        String team = "tc" + Fixtures.unique();
        insert(team, OffsetDateTime.now(ZoneOffset.UTC).minusDays(89), 1);
        insert(team, OffsetDateTime.now(ZoneOffset.UTC).minusDays(91), 1);

        Fixtures.asSystem().post(PATH).then().statusCode(200).body("deleted", equalTo(1));
        assertEquals(1, AuditRows.query("SELECT id FROM audit_logs WHERE team_id = $1", Tuple.of(team)).size());
        AuditRows.query("DELETE FROM audit_logs WHERE team_id = $1", Tuple.of(team));
    }

    @Test
    void onlySystemKeysMayRunIt() {
        String team = Fixtures.newTeam();
        Fixtures.as(Fixtures.keyFor(team, Role.OWNER)).body("{\"olderThanDays\":" + DAYS + "}").post(PATH)
                .then().statusCode(403);
        Fixtures.as(Fixtures.keyFor(team, Role.ADMIN)).body("{\"olderThanDays\":" + DAYS + "}").post(PATH)
                .then().statusCode(403);
    }

    @Test
    void olderThanDaysOutOfRangeIs400() {
        for (String days : List.of("0", "-1", "36501")) {
            Fixtures.asSystem().body("{\"olderThanDays\":" + days + "}").post(PATH).then().statusCode(400)
                    .body("errors[0].field", equalTo("olderThanDays"));
        }
        Fixtures.asSystem().body("{\"olderThanDays\":\"soon\"}").post(PATH).then().statusCode(400);
    }

    @Test
    void theCleanupCallIsItselfAudited() {
        String ua = "ua-" + Fixtures.unique();
        Fixtures.asSystem().header("User-Agent", ua).body("{\"olderThanDays\":" + DAYS + "}").post(PATH)
                .then().statusCode(200);
        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("audit.cleanup", row.getString("action"));
        assertEquals("{\"olderThanDays\": " + DAYS + "}", row.getString("params_text"));
        assertFalse(row.getString("params_text").isEmpty());
    }

    /** Inserts {@code count} rows of {@code team}, one second apart going back from {@code at}. */
    private static void insert(String team, OffsetDateTime at, int count) {
        AuditRows.query("INSERT INTO audit_logs (id, timestamp, team_id, action)"
                        + " SELECT 'aud_c' || $1 || '_' || i, $2::timestamptz - make_interval(secs => i - 1), $1, 'team.read'"
                        + " FROM generate_series(1, $3) AS i",
                Tuple.of(team, at, count));
    }

    private static String relation(String name) {
        return AuditRows.query("SELECT to_regclass($1)::text AS r", Tuple.of(name)).get(0).getString("r");
    }
}
