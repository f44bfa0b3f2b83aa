package kr.codeb.control.registry;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** CODEB_DEGRADED_WRITES=true: transitions made while the database is down are journaled and replayed in order, exactly once. */
@QuarkusTest
@TestProfile(JournalReplayTest.DegradedWritesOn.class)
class JournalReplayTest {

    public static class DegradedWritesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("codeb.degraded-writes", "true", "codeb.registry-dir", "target/codeb-test/registry-journal");
        }
    }

    static final Path JOURNAL = Path.of("target", "codeb-test", "registry-journal", "journal.ndjson");

    @Inject
    SlotJournal journal;

    @Inject
    JournalReplayer replayer;

    String team;
    String project;
    String key;
    String base;

    void promotedTwice() throws InterruptedException {
        team = Fixtures.newTeam();
        project = Fixtures.newProject(team);
        key = Fixtures.keyFor(team, Role.MEMBER);
        base = "/api/v1/projects/" + project + "/environments/production";
        for (String v : new String[] {"1", "2"}) {
            Fixtures.release(key, base, v, null);
        }
        Path slots = JOURNAL.resolveSibling("slots.json");
        OutageTest.waitFor("slots.json", 5_000, () -> {
            try {
                return Files.readString(slots).contains(project);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private long count(String sql, Object... args) {
        return Fixtures.pool().preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void rollbackDuringAnOutageIsJournaledThenReplayedOnce() throws Exception {
        promotedTwice();
        EmbeddedPostgres.suspend(OutageTest.DB_ROOT);
        try {
            as(key).body("{\"reason\":\"db down, v2 broken\"}").post(base + "/rollback").then().statusCode(202)
                    .header("X-CodeB-Degraded", "true").body("activeSlot", equalTo("blue")).body("green.state", equalTo("deployed"));
            as(key).body("{\"healthStatus\":\"healthy\"}").patch(base + "/slots/blue").then().statusCode(202);
            as(key).get(base + "/slot").then().statusCode(200).header("X-CodeB-Degraded", "true").body("activeSlot", equalTo("blue"))
                    .body("blue.healthStatus", equalTo("healthy"));
            assertEquals(2, Files.readAllLines(JOURNAL).size(), "both transitions journaled");
            as(key).body("{\"version\":\"3\",\"image\":\"app:3\"}").post(base + "/deployments").then().statusCode(503);
        } finally {
            EmbeddedPostgres.resume(OutageTest.DB_ROOT);
        }
        OutageTest.waitFor("the journal to be replayed", 15_000, () -> !Files.exists(JOURNAL));
        as(key).get(base + "/slot").then().statusCode(200).body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active"))
                .body("green.state", equalTo("deployed")).body("blue.healthStatus", equalTo("healthy"));
        assertEquals(1, count("SELECT count(*) FROM audit_logs WHERE team_id = $1 AND action = 'slot.rollback' AND success"
                + " AND params->>'journalEntryId' IS NOT NULL", team));
        assertEquals(1, count("SELECT count(*) FROM deployments WHERE project_name = $1 AND rolled_back_at IS NOT NULL", project));
    }

    @Test
    void anEntryAlreadyAppliedBeforeACrashIsNotAppliedAgain() throws Exception {
        promotedTwice();
        // the service journaled a rollback, applied it, and stopped before trimming the journal
        JournalEntry entry = new JournalEntry(Ids.newId("jrn"), Instant.now(), "rollback", project, "production", team, null, "ci",
                "member", Map.of("reason", "replayed before the crash"));
        journal.append(entry).await().indefinitely();
        assertEquals(1, replayer.replay().await().indefinitely());
        as(key).get(base + "/slot").then().body("activeSlot", equalTo("blue"));
        journal.append(entry).await().indefinitely();
        assertEquals(1, replayer.replay().await().indefinitely(), "handled, as a no-op");
        as(key).get(base + "/slot").then().body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active"));
        assertEquals(1, count("SELECT count(*) FROM journal_replays WHERE entry_id = $1", entry.id()));
        assertEquals(1, count("SELECT count(*) FROM audit_logs WHERE params->>'journalEntryId' = $1", entry.id()));
        assertFalse(Files.exists(JOURNAL));
    }

    @Test
    void entriesReplayInOrderAndOneThatNoLongerAppliesIsAudited() throws Exception {
        promotedTwice();
        JournalEntry first = new JournalEntry(Ids.newId("jrn"), Instant.now(), "rollback", project, "production", team, null, "ci",
                "member", Map.of("reason", "first"));
        JournalEntry second = new JournalEntry(Ids.newId("jrn"), Instant.now(), "rollback", project, "production", team, null, "ci",
                "member", Map.of("reason", "second"));
        journal.append(first).await().indefinitely();
        journal.append(second).await().indefinitely();
        assertEquals(2, replayer.replay().await().indefinitely());
        as(key).get(base + "/slot").then().body("activeSlot", equalTo("blue"));
        assertEquals("applied", Fixtures.pool().preparedQuery("SELECT outcome FROM journal_replays WHERE entry_id = $1")
                .execute(Tuple.of(first.id())).await().indefinitely().iterator().next().getString(0));
        assertEquals("skipped", Fixtures.pool().preparedQuery("SELECT outcome FROM journal_replays WHERE entry_id = $1")
                .execute(Tuple.of(second.id())).await().indefinitely().iterator().next().getString(0));
        assertTrue(count("SELECT count(*) FROM audit_logs WHERE NOT success AND params->>'journalEntryId' = $1"
                + " AND error LIKE 'journal entry no longer applies%'", second.id()) == 1);
    }
}
