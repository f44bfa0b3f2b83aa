package kr.codeb.control.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Every /api call leaves exactly one audit row, over HTTP against the real database. */
@QuarkusTest
class AuditRecordingTest {

    @Test
    void missingKeyIsRecordedAsRejected() {
        String ua = "ua-" + Fixtures.unique();
        given().header("User-Agent", ua).get("/api/v1/teams").then().statusCode(401);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("auth.rejected", row.getString("action"));
        assertEquals("/api/v1/teams", row.getString("resource"));
        assertFalse(row.getBoolean("success"));
        assertNull(row.getString("key_id"));
        assertNull(row.getString("team_id"));
        assertTrue(row.getString("error").contains("Send an API key"), row.getString("error"));
        assertNotNull(row.getInteger("duration"));
    }

    @Test
    void unknownKeyIsRecordedWithoutTheKey() {
        String ua = "ua-" + Fixtures.unique();
        String bogus = "codeb_abcdefgh_admin_" + "A".repeat(24);
        Fixtures.as(bogus).header("User-Agent", ua).get("/api/v1/teams").then().statusCode(401);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("auth.rejected", row.getString("action"));
        assertNoRowContains(bogus);
    }

    @Test
    void forbiddenCallIsRecordedWithItsCallerAndAction() {
        String team = Fixtures.newTeam();
        String ua = "ua-" + Fixtures.unique();
        Fixtures.as(Fixtures.keyFor(team, Role.OWNER)).header("User-Agent", ua)
                .body("{\"name\":\"x\",\"slug\":\"s-" + Fixtures.unique() + "\",\"owner\":\"o@example.com\"}")
                .post("/api/v1/teams").then().statusCode(403);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("team.create", row.getString("action"));
        assertEquals("team", row.getString("resource"));
        assertEquals(team, row.getString("team_id"));
        assertEquals("owner", row.getString("role"));
        assertNotNull(row.getString("key_id"));
        assertFalse(row.getBoolean("success"));
        assertTrue(row.getString("error").contains("Only a system key"), row.getString("error"));
    }

    @Test
    void rateLimitedCallIsRecorded() {
        String team = Fixtures.newTeam();
        String key = Fixtures.keyFor(team, Role.VIEWER, 1, null);
        String ua = "ua-" + Fixtures.unique();
        Fixtures.as(key).header("User-Agent", ua).get("/api/v1/teams").then().statusCode(200);
        Fixtures.as(key).header("User-Agent", ua).get("/api/v1/teams").then().statusCode(429);

        List<Row> rows = AuditRows.byUserAgent(ua, 2);
        assertEquals("team.list", rows.get(0).getString("action"));
        assertTrue(rows.get(0).getBoolean("success"));
        assertEquals("auth.rate_limited", rows.get(1).getString("action"));
        assertFalse(rows.get(1).getBoolean("success"));
        assertEquals(team, rows.get(1).getString("team_id"));
    }

    @Test
    void unknownPathIsRecorded() {
        String ua = "ua-" + Fixtures.unique();
        Fixtures.asSystem().header("User-Agent", ua).get("/api/v1/nothing-here").then().statusCode(404);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("route.unknown", row.getString("action"));
        assertEquals("/api/v1/nothing-here", row.getString("resource"));
        assertEquals("system", row.getString("role"));
        assertFalse(row.getBoolean("success"));
    }

    @Test
    void oversizedBodyIsRecorded() {
        String ua = "ua-" + Fixtures.unique();
        Fixtures.asSystem().header("User-Agent", ua).body("x".repeat(1024 * 1024 + 1))
                .post("/api/v1/teams").then().statusCode(413);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("request.too_large", row.getString("action"));
        assertFalse(row.getBoolean("success"));
    }

    @Test
    void readIsRecordedWithClientAddressAndQuery() {
        String ua = "ua-" + Fixtures.unique();
        Fixtures.asSystem().header("User-Agent", ua).header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
                .queryParam("limit", "5").get("/api/v1/teams").then().statusCode(200);

        Row row = AuditRows.byUserAgent(ua, 1).get(0);
        assertEquals("team.list", row.getString("action"));
        assertTrue(row.getBoolean("success"));
        assertEquals("203.0.113.9", row.getString("ip"));
        assertEquals("{\"limit\": \"5\"}", row.getString("params_text"));
        assertNull(row.getString("error"));
    }

    @Test
    void longUserAgentIsTruncated() {
        String ua = "ua-" + Fixtures.unique() + "-" + "x".repeat(2000);
        Fixtures.asSystem().header("User-Agent", ua).get("/api/v1/teams").then().statusCode(200);

        String kept = ua.substring(0, AuditRow.MAX_USER_AGENT);
        assertEquals(1, AuditRows.byUserAgent(kept, 1).size());
    }

    @Test
    void createdTeamHasItsSuccessRowAtOnce() {
        String slug = "a-" + Fixtures.unique();
        String ua = "ua-" + Fixtures.unique();
        String id = Fixtures.asSystem().header("User-Agent", ua)
                .body("{\"name\":\"Audited\",\"slug\":\"" + slug + "\",\"owner\":\"o@example.com\"}")
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");

        // written in the team's own transaction: present as soon as the response is, no waiting for a batch
        List<Row> rows = AuditRows.query("SELECT *, params::text AS params_text FROM audit_logs WHERE user_agent = $1",
                Tuple.of(ua));
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        assertEquals("team.create", row.getString("action"));
        assertEquals(id, row.getString("resource_id"));
        assertEquals(id, row.getString("team_id"));
        assertTrue(row.getBoolean("success"));
        assertTrue(row.getString("params_text").contains(slug));
        // and the response filter added no second row
        AuditRows.sleep(1500);
        assertEquals(1, AuditRows.query("SELECT id FROM audit_logs WHERE user_agent = $1", Tuple.of(ua)).size());
    }

    @Test
    void failedMutationLeavesNoChangeAndOnlyAFailureRow() {
        String slug = "d-" + Fixtures.unique();
        Fixtures.asSystem().body("{\"name\":\"First\",\"slug\":\"" + slug + "\",\"owner\":\"o@example.com\"}")
                .post("/api/v1/teams").then().statusCode(201);
        String ua = "ua-" + Fixtures.unique();
        String id = "dup" + Fixtures.unique() + "xx";
        Fixtures.asSystem().header("User-Agent", ua)
                .body("{\"id\":\"" + id + "\",\"name\":\"Second\",\"slug\":\"" + slug + "\",\"owner\":\"o@example.com\"}")
                .post("/api/v1/teams").then().statusCode(409).body("detail", equalTo("The slug '" + slug + "' is already taken"));

        assertEquals(0, AuditRows.query("SELECT id FROM teams WHERE id = $1", Tuple.of(id)).size());
        List<Row> rows = AuditRows.byUserAgent(ua, 1);
        AuditRows.sleep(1500);
        rows = AuditRows.byUserAgent(ua, 1);
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        assertEquals("team.create", row.getString("action"));
        assertFalse(row.getBoolean("success"));
        assertEquals("The slug '" + slug + "' is already taken", row.getString("error"));
        assertEquals(id, row.getString("resource_id"));
    }

    @Test
    void secretsInBodyAndQueryAreNeverStored() {
        String ua = "ua-" + Fixtures.unique();
        String slug = "s-" + Fixtures.unique();
        String secret = "sek" + Fixtures.unique();
        Fixtures.asSystem().header("User-Agent", ua)
                .body("{\"name\":\"Secretive\",\"slug\":\"" + slug + "\",\"owner\":\"o@example.com\",\"settings\":{"
                        + "\"password\":\"pw-" + secret + "\",\"Key\":\"key-" + secret + "\",\"nested\":{\"apiKey\":\"" + secret
                        + "\"},\"hooks\":[{\"token\":\"tok-" + secret + "\",\"url\":\"https://example.com\"}],"
                        + "\"env\":{\"A\":\"env-" + secret + "\"}}}")
                .post("/api/v1/teams").then().statusCode(201);
        Fixtures.asSystem().header("User-Agent", ua).queryParam("token", "tok-" + secret)
                .get("/api/v1/teams").then().statusCode(200);

        List<Row> rows = AuditRows.byUserAgent(ua, 2);
        String create = rows.get(0).getString("params_text");
        assertTrue(create.contains("\"password\": \"[REDACTED]\""), create);
        assertTrue(create.contains("https://example.com"), create);
        assertNoRowContains(secret);
        assertNoRowContains(Fixtures.SYSTEM_KEY);
    }

    private static void assertNoRowContains(String text) {
        List<Row> leaks = AuditRows.query("SELECT id FROM audit_logs a WHERE strpos(row_to_json(a)::text, $1) > 0",
                Tuple.of(text));
        assertEquals(0, leaks.size(), "audit rows containing " + text);
    }
}
