package kr.codeb.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import kr.codeb.control.common.Ids;
import org.junit.jupiter.api.Test;

/** The monthly partitions of audit_logs: made ahead, idempotent, and never blocked by rows in the default one. */
@QuarkusTest
class AuditPartitionsTest {

    @Inject
    AuditPartitions partitions;

    @Test
    void thisMonthAndTheNextThreeExist() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int i = 0; i <= AuditPartitions.MONTHS_AHEAD; i++) {
            assertNotNull(relation(AuditPartitions.name(now.plusMonths(i))), "partition of " + now.plusMonths(i));
        }
    }

    @Test
    void creatingAnExistingPartitionIsANoOp() {
        assertFalse(partitions.ensure(YearMonth.now(ZoneOffset.UTC)).await().indefinitely());
        partitions.ensureAhead().await().indefinitely();
    }

    @Test
    void newRowsLandInTheirMonthNotTheDefault() {
        String id = AuditLogResourceTest.insert("tp" + kr.codeb.control.support.Fixtures.unique(),
                OffsetDateTime.now(ZoneOffset.UTC), "team.read", "team", "x", true);
        assertEquals(AuditPartitions.name(YearMonth.now(ZoneOffset.UTC)), partitionOf(id));
    }

    @Test
    void rowsWaitingInTheDefaultPartitionMoveIntoANewPartitionOfTheirMonth() {
        YearMonth far = YearMonth.of(2091, 5);
        String id = Ids.newId("aud");
        AuditRows.query("INSERT INTO audit_logs (id, timestamp, action) VALUES ($1, $2, 'team.read')",
                Tuple.of(id, OffsetDateTime.of(2091, 5, 10, 12, 0, 0, 0, ZoneOffset.UTC)));
        assertEquals("audit_logs_default", partitionOf(id));
        try {
            assertTrue(partitions.ensure(far).await().indefinitely());
            assertEquals(AuditPartitions.name(far), partitionOf(id));
            assertEquals(0, AuditRows.query("SELECT id FROM audit_logs_default WHERE timestamp >= '2091-05-01Z'"
                    + " AND timestamp < '2091-06-01Z'", Tuple.tuple()).size());
        } finally {
            AuditRows.query("DROP TABLE IF EXISTS " + AuditPartitions.name(far), Tuple.tuple());
        }
    }

    @Test
    void partitionNamesAndMonthsRoundTrip() {
        YearMonth month = YearMonth.of(2026, 1);
        assertEquals("audit_logs_y2026m01", AuditPartitions.name(month));
        assertEquals(Optional.of(month), AuditPartitions.month("audit_logs_y2026m01"));
        assertEquals(Optional.empty(), AuditPartitions.month("audit_logs_default"));
        assertEquals(Optional.empty(), AuditPartitions.month("audit_logs_y2026m13"));
        assertEquals(OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), AuditPartitions.end(month));
    }

    private static String partitionOf(String id) {
        return AuditRows.query("SELECT tableoid::regclass::text AS p FROM audit_logs WHERE id = $1", Tuple.of(id))
                .get(0).getString("p");
    }

    private static String relation(String name) {
        return AuditRows.query("SELECT to_regclass($1)::text AS r", Tuple.of(name)).get(0).getString("r");
    }
}
