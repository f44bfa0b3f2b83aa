package kr.codeb.control.slot;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.function.BooleanSupplier;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.cache.ChangeFeed;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Slot reads come from memory views (issue 10) that are never stale to the caller who changed them (read-your-writes),
 * take a change committed by anyone else within a second (the change feed), and are not trusted while nobody listens.
 */
@QuarkusTest
class SlotViewsTest {

    @Test
    void aReadRightAfterTheCallersOwnWriteShowsItBeforeItsNotificationArrives() throws Exception {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String env = w.env("production");
        String slot = env + "/slot";
        withNotificationsHeld(w.member(), slot, () -> {
            as(w.admin()).body("{\"message\":\"train\"}").post(env + "/freeze").then().statusCode(200);
            as(w.member()).get(slot).then().statusCode(200).body("frozen.message", equalTo("train"));
        });
        withNotificationsHeld(w.member(), slot, () -> {
            as(w.admin()).delete(env + "/freeze").then().statusCode(204);
            as(w.member()).get(slot).then().statusCode(200).body("frozen", nullValue());
        });
        for (int i = 1; i <= 2; i++) {
            String version = "1." + i;
            String side = i == 1 ? "blue" : "green";
            withNotificationsHeld(w.member(), slot, () -> {
                Fixtures.release(w.member(), env, version, 4100);
                as(w.member()).get(slot).then().statusCode(200).body("activeSlot", equalTo(side)).body(side + ".version", equalTo(version));
            });
        }
        withNotificationsHeld(w.member(), slot, () -> {
            as(w.member()).body("{\"reason\":\"bad\"}").post(env + "/rollback").then().statusCode(200);
            as(w.member()).get(slot).then().statusCode(200).body("activeSlot", equalTo("blue"));
        });
        withNotificationsHeld(w.member(), slot, () -> {
            as(w.admin()).delete("/api/v1/projects/" + w.project()).then().statusCode(204);
            as(w.member()).get(slot).then().statusCode(404);
        });
    }

    /**
     * Runs {@code change} while the backend of the listening connection is stopped (SIGSTOP): PostgreSQL holds its
     * notifications, so only the replica's own bookkeeping can keep a read after the change from being stale. The view
     * of {@code slot} is in memory before; the feed declares a silent connection lost within a second, so the change
     * runs at once.
     */
    private static void withNotificationsHeld(String key, String slot, Runnable change) throws Exception {
        awaitListening();
        as(key).get(slot).then().statusCode(200);
        as(key).get(slot).then().statusCode(200);
        String pid = Fixtures.pool().preparedQuery("SELECT pid FROM pg_stat_activity WHERE application_name = $1")
                .execute(Tuple.of(ChangeFeed.APPLICATION_NAME)).await().indefinitely().iterator().next().getValue(0).toString();
        signal("STOP", pid);
        try {
            change.run();
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String name, String pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, pid).inheritIO().start().waitFor(), "kill -" + name + " " + pid);
    }

    private static void awaitListening() {
        Await.until(() -> RestAssured.given().get("/q/metrics").asString().contains("codeb_cache_listening 1.0"), 5_000,
                "the change feed to listen");
    }

    @Test
    void aRevokedKeyStopsAtOnceOnTheReplicaThatRevokedIt() {
        String team = Fixtures.newTeam();
        var created = asSystem().body("{\"name\":\"ci\",\"role\":\"member\"}").post("/api/v1/teams/" + team + "/api-keys")
                .then().statusCode(201).extract();
        String key = created.path("key");
        String project = asSystem().body("{\"name\":\"p-" + Fixtures.unique() + "\",\"teamId\":\"" + team + "\"}").post("/api/v1/projects")
                .then().statusCode(201).extract().path("name");
        String slot = "/api/v1/projects/" + project + "/environments/staging/slot";
        as(key).get(slot).then().statusCode(200);
        as(key).get(slot).then().statusCode(200);
        asSystem().delete("/api/v1/teams/" + team + "/api-keys/" + created.path("id")).then().statusCode(204);
        as(key).get(slot).then().statusCode(401);
    }

    @Test
    void aChangeCommittedElsewhereIsSeenWithinASecond() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String slot = w.env("preview") + "/slot";
        as(w.member()).get(slot).then().statusCode(200).body("frozen", nullValue());
        as(w.member()).get(slot).then().statusCode(200);
        // another replica's commit: straight into the database, no request of this one involved
        sql("INSERT INTO environment_freezes (project_name, environment, message, frozen_by) VALUES ($1, 'preview', 'elsewhere', 'b')",
                w.project());
        within(1_000, "the freeze of another replica", () -> "elsewhere".equals(as(w.member()).get(slot).path("frozen.message")));

        String other = Fixtures.keyFor(w.team(), Role.MEMBER);
        as(other).get(slot).then().statusCode(200);
        sql("UPDATE api_keys SET revoked_at = NOW() WHERE key_hash = $1", kr.codeb.control.auth.ApiKeyFormat.sha256Hex(other));
        within(1_000, "the revocation of another replica", () -> as(other).get(slot).statusCode() == 401);

        sql("DELETE FROM projects WHERE name = $1", w.project());
        within(1_000, "the project delete of another replica", () -> as(w.member()).get(slot).statusCode() == 404);
    }

    @Test
    void whileNobodyListensMemoryIsNotTrusted() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String slot = w.env("staging") + "/slot";
        as(w.member()).get(slot).then().statusCode(200).body("frozen", nullValue());
        as(w.member()).get(slot).then().statusCode(200);
        // the listening connection is cut, and a change commits before it is back: no notification will ever tell
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", ChangeFeed.APPLICATION_NAME);
        sql("INSERT INTO environment_freezes (project_name, environment, message, frozen_by) VALUES ($1, 'staging', 'unheard', 'b')",
                w.project());
        within(1_000, "the change made while the feed was down", () -> "unheard".equals(as(w.member()).get(slot).path("frozen.message")));
        awaitListening();
        for (int i = 0; i < 20; i++) {
            as(w.member()).get(slot).then().statusCode(200).body("frozen.message", equalTo("unheard"));
        }
    }

    private static void sql(String statement, Object... args) {
        Fixtures.pool().preparedQuery(statement).execute(Tuple.from(args)).await().indefinitely();
    }

    /** Polls until {@code condition} holds; fails if that took longer than {@code ms}. */
    private static void within(long ms, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        Await.until(condition, ms, what);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took <= ms, what + " took " + took + " ms");
    }
}
