package kr.codeb.control.registry;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Stops the embedded PostgreSQL in the middle of the run and starts it again: requests fail fast with 503,
 * liveness stays UP, readiness does not, slot reads come from slots.json, and the service recovers by itself.
 */
@QuarkusTest
class OutageTest {

    static final Path DB_ROOT = Path.of("target", "embedded-postgres", "run-" + ProcessHandle.current().pid());

    static void waitFor(String what, long timeoutMs, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void outageIsSurvivedAndHealedWithoutARestart() throws Exception {
        String team = Fixtures.newTeam();
        String project = Fixtures.newProject(team);
        String key = Fixtures.keyFor(team, Role.MEMBER);
        String base = "/api/v1/projects/" + project + "/environments/production";
        for (String v : new String[] {"1", "2"}) {
            Fixtures.release(key, base, v, null);
        }
        Path slotsJson = Path.of("target", "codeb-test", "registry", "slots.json");
        waitFor("slots.json to mirror the promote", 5_000, () -> {
            try {
                return Files.exists(slotsJson) && Files.readString(slotsJson).contains(project);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        as(key).get(base + "/slot").then().statusCode(200); // the key is now verified and cached
        String domain = "outage-" + Fixtures.unique() + ".edge.test";
        Fixtures.asSystem().body("{\"domain\":\"" + domain + "\",\"type\":\"custom\"}").post("/api/v1/projects/" + project + "/domains")
                .then().statusCode(201);

        EmbeddedPostgres.suspend(DB_ROOT);
        try {
            long start = System.nanoTime();
            Response r = Fixtures.asSystem().get("/api/v1/teams/" + team);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, r.statusCode(), r.asString());
            assertTrue(ms < 6_000, "answered in " + ms + " ms");
            assertTrue(r.header("Retry-After") != null);
            assertTrue(r.contentType().startsWith("application/problem+json"));

            given().get("/q/health/live").then().statusCode(200);
            // SPEC §7: every replica shares the database, so readiness stays UP while the registry can serve
            waitFor("readiness to report degraded mode", 6_000, () -> "degraded".equals(
                    given().get("/q/health/ready").path("checks.find { it.name == 'mode' }.data.mode")));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'mode' }.data.database", equalTo("down"));
            given().get("/q/health/well").then().statusCode(503).body("checks.find { it.name == 'database' }.data.state", equalTo("down"));

            as(key).get(base + "/slot").then().statusCode(200).header("X-CodeB-Degraded", "true")
                    .body("activeSlot", equalTo("green")).body("green.version", equalTo("2")).body("blue.state", equalTo("grace"));
            as(key).get("/api/v1/projects/" + project + "/slots").then().statusCode(200).header("X-CodeB-Degraded", "true");
            // Caddy's on-demand TLS keeps getting certificates for known domains while the database is down (SPEC §9)
            given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(200);
            given().queryParam("domain", "unknown-" + domain).get("/proxy/ask").then().statusCode(404);
            as(key).body("{\"reason\":\"db down\"}").post(base + "/rollback").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"));
        } finally {
            EmbeddedPostgres.resume(DB_ROOT);
        }

        long back = System.nanoTime();
        waitFor("the service to use the database again", 15_000,
                () -> Fixtures.asSystem().get("/api/v1/teams/" + team).statusCode() == 200);
        System.out.printf("recovered %d ms after the database came back%n", (System.nanoTime() - back) / 1_000_000);
        waitFor("readiness back in normal mode", 15_000, () -> "normal".equals(
                given().get("/q/health/ready").path("checks.find { it.name == 'mode' }.data.mode")));
        given().get("/q/health/well").then().statusCode(200);
        Response fresh = as(key).get(base + "/slot");
        assertEquals(200, fresh.statusCode());
        assertNotEquals("true", fresh.header("X-CodeB-Degraded"));

        long audited = Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE team_id = $1 AND success"
                        + " AND action IN ('deployment.create', 'deployment.update_status', 'slot.promote')")
                .execute(Tuple.of(team)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(6, audited, "every 2xx mutation made before the outage is in the audit log");
    }
}
