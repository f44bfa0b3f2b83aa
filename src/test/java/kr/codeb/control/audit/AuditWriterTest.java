package kr.codeb.control.audit;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The batching writer and the in-transaction row, below HTTP, against the real database. */
@QuarkusTest
class AuditWriterTest {

    @Inject
    AuditRepository repository;

    @Inject
    Db db;

    @Inject
    AuditWriter writer;

    @Inject
    AuditLog auditLog;

    @Inject
    RequestAudit request;

    @Test
    void aFullQueueDropsAndCountsRowsAndTheShutdownDrainWritesTheRest() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AuditWriter small = new AuditWriter(repository, db, metrics, 3);
        String team = "tw" + Fixtures.unique();
        int accepted = 0;
        for (int i = 0; i < 5; i++) {
            accepted += small.enqueue(row(team)) ? 1 : 0;
        }
        assertEquals(3, accepted);
        assertEquals(2.0, metrics.get("codeb.audit.dropped").counter().count());
        assertEquals(3.0, metrics.get("codeb.audit.queue.size").gauge().value());

        assertEquals(0, small.drainBlocking(Duration.ofSeconds(10)));

        assertEquals(0, small.queued());
        assertEquals(3, AuditRows.query("SELECT id FROM audit_logs WHERE team_id = $1", Tuple.of(team)).size());
    }

    @Test
    void oneBadRowDoesNotCostTheOthersTheirPlace() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AuditWriter small = new AuditWriter(repository, db, metrics, 10);
        String team = "tw" + Fixtures.unique();
        small.enqueue(row(team));
        // a params text that is not JSON: the database refuses this row alone
        small.enqueue(new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), team, null, null, null,
                "team.read", "team", null, "{not json", true, 1, null, null, null));
        small.enqueue(row(team));

        small.drainBlocking(Duration.ofSeconds(10));

        assertEquals(2, AuditRows.query("SELECT id FROM audit_logs WHERE team_id = $1", Tuple.of(team)).size());
        assertEquals(1.0, metrics.get("codeb.audit.failed").counter().count());
    }

    @Test
    void aFreshRowMeetingAStoredRowOfItsIdGivesWayWithoutCostingItsBatch() {
        // the race the fresh queue leaves open: a change's in-transaction row committed after its response row was queued
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        AuditWriter small = new AuditWriter(repository, db, metrics, 10);
        String team = "tw" + Fixtures.unique();
        AuditRow stored = row(team);
        repository.insert(db.pool(), List.of(stored)).await().indefinitely();
        small.enqueue(row(team));
        small.enqueue(new AuditRow(stored.id(), stored.timestamp(), team, "key_x", "tester", "viewer", "team.read", "team",
                null, null, false, 3, "192.0.2.1", "junit", "late failure"));
        small.enqueue(row(team));

        assertEquals(0, small.drainBlocking(Duration.ofSeconds(10)));

        List<Row> rows = AuditRows.query("SELECT id, success FROM audit_logs WHERE team_id = $1", Tuple.of(team));
        assertEquals(3, rows.size());
        assertTrue(rows.stream().filter(r -> r.getString("id").equals(stored.id())).allMatch(r -> r.getBoolean("success")));
        assertEquals(0.0, metrics.get("codeb.audit.failed").counter().count());
        assertEquals(2.0, metrics.get("codeb.audit.written").counter().count(), "the row that gave way was not written");
    }

    @Test
    void aRolledBackRowGivesWayToTheFailureRow() {
        String resourceId = "rb-" + Fixtures.unique();
        inRequest(() -> {
            AuditRecord record = attempt(resourceId);
            inTransaction(record, false);
            assertTrue(request.facts().recorded());
            assertEquals(0, AuditRows.query("SELECT id FROM audit_logs WHERE resource_id = $1", Tuple.of(resourceId)).size(),
                    "the rolled-back row is gone");
            auditLog.recordResponse(409, "late conflict");
        });
        writer.drainBlocking(Duration.ofSeconds(10));

        List<Row> rows = AuditRows.query("SELECT success, error FROM audit_logs WHERE resource_id = $1", Tuple.of(resourceId));
        assertEquals(1, rows.size());
        assertFalse(rows.get(0).getBoolean("success"));
        assertEquals("late conflict", rows.get(0).getString("error"));
    }

    @Test
    void aCommittedRowIsNotDuplicatedByALaterFailureRow() {
        String resourceId = "cm-" + Fixtures.unique();
        inRequest(() -> {
            AuditRecord record = attempt(resourceId);
            inTransaction(record, true);
            assertEquals(1, AuditRows.query("SELECT id FROM audit_logs WHERE resource_id = $1", Tuple.of(resourceId)).size(),
                    "the committed row is there at once");
            auditLog.recordResponse(503, "failed after the commit");
        });
        writer.drainBlocking(Duration.ofSeconds(10));

        List<Row> rows = AuditRows.query("SELECT success FROM audit_logs WHERE resource_id = $1", Tuple.of(resourceId));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getBoolean("success"));
    }

    @Test
    void queueMetricsArePublished() {
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("codeb_audit_queue_size"))
                .body(containsString("codeb_audit_dropped_total"));
    }

    private static AuditRow row(String team) {
        return new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), team, "key_x", "tester", "viewer",
                "team.read", "team", null, "{\"limit\": \"5\"}", true, 3, "192.0.2.1", "junit", null);
    }

    /** Begins the request's facts and notes what it attempts, as the HTTP filter and the permission gate do. */
    private AuditRecord attempt(String resourceId) {
        request.begin(System.nanoTime(), "PATCH", "/api/v1/teams/" + resourceId, "192.0.2.1", "junit", java.util.Map.of());
        AuditRecord record = new AuditRecord(Action.TEAM_UPDATE.auditName(), Action.TEAM_UPDATE.resource(), resourceId, null, null);
        request.facts().attempt(record);
        return record;
    }

    /** Writes the request's row in a transaction of its own connection, then commits or rolls back. */
    private void inTransaction(AuditRecord record, boolean commit) {
        SqlConnection conn = db.pool().getConnection().await().indefinitely();
        try {
            Transaction tx = conn.begin().await().indefinitely();
            auditLog.write(conn, new Actor("key_x", "tester", "viewer", request.facts()), record).await().indefinitely();
            (commit ? tx.commit() : tx.rollback()).await().indefinitely();
        } finally {
            conn.close().await().indefinitely();
        }
    }

    private static void inRequest(Runnable work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            work.run();
        } finally {
            request.terminate();
        }
    }
}
