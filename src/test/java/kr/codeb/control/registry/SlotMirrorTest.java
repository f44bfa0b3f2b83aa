package kr.codeb.control.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * slots.json follows each committed slot change from the change's own committed view (the commit event), one entry at a
 * time: after a promote its entry holds exactly what the database row holds.
 */
@QuarkusTest
class SlotMirrorTest {

    @Inject
    CodebConfig config;

    @Test
    void promoteLeavesSlotsJsonEqualToTheDatabase() throws Exception {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String team = t.team();
        String project = t.project();
        double fullReads = fullTableReads();
        assertTrue(fullReads >= 1, "the registry read the whole table once, at start-up");
        for (String version : new String[] {"1.0.0", "2.0.0"}) {
            Fixtures.release(t.member(), t.env("staging"), version, 4200);
        }

        Row row = Fixtures.pool().preparedQuery("SELECT * FROM project_slots WHERE project_name = $1 AND environment = 'staging'")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next();
        JsonObject entry = awaitEntry(project, "staging", row.getOffsetDateTime("updated_at").toInstant());

        assertEquals(team, entry.getString("teamId"));
        JsonObject slots = entry.getJsonObject("slots");
        assertEquals(row.getString("active_slot"), slots.getString("activeSlot"));
        assertEquals(row.getOffsetDateTime("grace_expires_at").toInstant(), Instant.parse(slots.getString("graceExpiresAt")));
        for (String side : new String[] {"blue", "green"}) {
            JsonObject s = slots.getJsonObject(side);
            assertEquals(row.getString(side + "_state"), s.getString("state"), side);
            assertEquals(row.getInteger(side + "_port"), s.getInteger("port"), side);
            assertEquals(row.getString(side + "_version"), s.getString("version"), side);
            assertEquals(row.getString(side + "_image"), s.getString("image"), side);
            assertEquals(row.getString(side + "_deployed_by"), s.getString("deployedBy"), side);
            assertEquals(row.getString(side + "_health_status"), s.getString("healthStatus"), side);
            assertEquals(row.getOffsetDateTime(side + "_deployed_at").toInstant(), Instant.parse(s.getString("deployedAt")), side);
        }
        assertEquals("active", slots.getJsonObject("green").getString("state"));
        assertEquals("grace", slots.getJsonObject("blue").getString("state"));
        assertEquals(fullReads, fullTableReads(), "the mirror never read the whole table for these changes");
    }

    /** How often the registry's whole-table query ran (only at start-up), from the service's own query timer. */
    private static double fullTableReads() {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("codeb_db_query_seconds_count{") && l.contains("query=\"slot.all\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The registry's entry for a project environment once it shows the change of {@code updatedAt} (written off the request path). */
    private JsonObject awaitEntry(String project, String env, Instant updatedAt) throws Exception {
        Path file = config.registryDir().resolve("slots.json");
        long deadline = System.currentTimeMillis() + 5_000;
        JsonObject found = null;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                JsonArray all = new JsonObject(Files.readString(file)).getJsonArray("slots");
                for (int i = 0; i < all.size(); i++) {
                    JsonObject e = all.getJsonObject(i);
                    JsonObject s = e.getJsonObject("slots");
                    if (project.equals(s.getString("projectName")) && env.equals(s.getString("environment"))) {
                        found = e;
                    }
                }
                if (found != null && updatedAt.equals(Instant.parse(found.getJsonObject("slots").getString("updatedAt")))) {
                    return found;
                }
            }
            Thread.sleep(50);
        }
        assertTrue(found != null, "slots.json has no entry for " + project + "/" + env);
        throw new AssertionError("slots.json still shows " + found + ", not the change of " + updatedAt);
    }
}
