package kr.codeb.control.apikey;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import kr.codeb.control.auth.ApiKeyFormat;
import kr.codeb.control.auth.Authenticator;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyLifecycleTest {

    private static String issue(String issuerKey, String team, String role) {
        return as(issuerKey).body("{\"name\":\"ci\",\"role\":\"" + role + "\"}").post("/api/v1/teams/" + team + "/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    @Test
    void issuedKeyIsShownOnceAndAuthenticates() {
        String team = Fixtures.newTeam();
        var created = asSystem().body("{\"name\":\"deploy\",\"role\":\"member\",\"scopes\":[\"deploy\"],\"rateLimit\":{\"requestsPerMinute\":100}}")
                .post("/api/v1/teams/" + team + "/api-keys").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/teams/" + team + "/api-keys/key_"))
                .body("role", equalTo("member")).body("teamId", equalTo(team)).body("scopes[0]", equalTo("deploy"))
                .body("rateLimit.requestsPerMinute", equalTo(100)).body("key", startsWith("codeb_" + team.substring(0, 8) + "_member_"))
                .extract();
        String key = created.path("key");
        assertTrue(ApiKeyFormat.parse(key).isPresent());
        assertEquals(key.substring(0, 20), created.path("keyPrefix"));
        as(key).get("/api/v1/teams").then().statusCode(200).body("items[0].id", equalTo(team));
        asSystem().get("/api/v1/teams/" + team + "/api-keys").then().statusCode(200)
                .body("items[0]", not(hasKey("key"))).body("items[0]", not(hasKey("keyHash"))).body("items[0].keyPrefix", notNullValue());
        String stored = Fixtures.pool().preparedQuery("SELECT key_hash FROM api_keys WHERE id = $1")
                .execute(Tuple.of((String) created.path("id"))).await().indefinitely().iterator().next().getString(0);
        assertEquals(ApiKeyFormat.sha256Hex(key), stored, "only the SHA-256 is stored");
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        String team = Fixtures.newTeam();
        String admin = Fixtures.keyFor(team, Role.ADMIN);
        var issued = as(admin).body("{\"name\":\"temp\",\"role\":\"viewer\"}").post("/api/v1/teams/" + team + "/api-keys").then().statusCode(201).extract();
        String key = issued.path("key");
        as(key).get("/api/v1/teams").then().statusCode(200);
        as(admin).delete("/api/v1/teams/" + team + "/api-keys/" + issued.path("id")).then().statusCode(204);
        as(key).get("/api/v1/teams").then().statusCode(401);
        asSystem().get("/api/v1/teams/" + team + "/api-keys").then().body("items.find { it.id == '" + issued.path("id") + "' }.revokedAt", notNullValue());
    }

    @Test
    void revocationByAnotherReplicaAppliesWithinFiveSeconds() throws InterruptedException {
        String team = Fixtures.newTeam();
        String key = Fixtures.keyFor(team, Role.MEMBER);
        as(key).get("/api/v1/teams").then().statusCode(200); // now cached here
        // another replica revokes: only the database changes, this replica's cache is untouched
        Fixtures.pool().preparedQuery("UPDATE api_keys SET revoked_at = NOW() WHERE key_hash = $1")
                .execute(Tuple.of(ApiKeyFormat.sha256Hex(key))).await().indefinitely();
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 200;
        while (System.nanoTime() < deadline && status == 200) {
            status = as(key).get("/api/v1/teams").statusCode();
            Thread.sleep(100);
        }
        assertEquals(401, status, "rejected within 5 s (cache TTL " + Authenticator.CACHE_TTL + ")");
    }

    @Test
    void expiredKeyIs401() {
        String team = Fixtures.newTeam();
        String key = Fixtures.keyFor(team, Role.ADMIN, null, Instant.now().minusSeconds(1).toString());
        as(key).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void expiryInThePastIsRefusedAtCreation() {
        String team = Fixtures.newTeam();
        asSystem().body("{\"name\":\"x\",\"role\":\"viewer\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/teams/" + team + "/api-keys").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
    }

    @Test
    void keyWithAWrongChecksumIsRejectedWithoutADatabaseLookUp() {
        String team = Fixtures.newTeam();
        String key = Fixtures.keyFor(team, Role.MEMBER);
        char last = key.charAt(key.length() - 1);
        String typo = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        double before = lookups();
        as(typo).get("/api/v1/teams").then().statusCode(401);
        assertEquals(before, lookups(), "no api_key.find_by_hash query ran");
    }

    private static double lookups() {
        String line = given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("codeb_db_query_seconds_count{query=\"api_key.find_by_hash\"}")).findFirst().orElse("x 0");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void adminMayNotIssueAnOwnerKey() {
        String team = Fixtures.newTeam();
        as(Fixtures.keyFor(team, Role.ADMIN)).body("{\"name\":\"x\",\"role\":\"owner\"}").post("/api/v1/teams/" + team + "/api-keys")
                .then().statusCode(403);
        issue(Fixtures.keyFor(team, Role.OWNER), team, "owner");
    }

    @Test
    void memberMayNotIssueKeys() {
        String team = Fixtures.newTeam();
        as(Fixtures.keyFor(team, Role.MEMBER)).body("{\"name\":\"x\",\"role\":\"viewer\"}").post("/api/v1/teams/" + team + "/api-keys")
                .then().statusCode(403);
    }

    @Test
    void anotherTeamsAdminGets404AndNothingChanges() {
        String team = Fixtures.newTeam();
        String victimKey = Fixtures.keyFor(team, Role.VIEWER);
        String victimKeyId = asSystem().get("/api/v1/teams/" + team + "/api-keys").path("items[0].id");
        String intruder = Fixtures.keyFor(Fixtures.newTeam(), Role.OWNER);
        as(intruder).get("/api/v1/teams/" + team + "/api-keys").then().statusCode(404);
        as(intruder).body("{\"name\":\"x\",\"role\":\"viewer\"}").post("/api/v1/teams/" + team + "/api-keys").then().statusCode(404);
        as(intruder).delete("/api/v1/teams/" + team + "/api-keys/" + victimKeyId).then().statusCode(404);
        as(victimKey).get("/api/v1/teams").then().statusCode(200);
        asSystem().get("/api/v1/teams/" + team + "/api-keys").then().body("items.size()", equalTo(1));
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        String team = Fixtures.newTeam();
        String key = Fixtures.keyFor(team, Role.VIEWER, 3, null);
        for (int i = 0; i < 3; i++) {
            as(key).get("/api/v1/teams").then().statusCode(200);
        }
        as(key).get("/api/v1/teams").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType(startsWith("application/problem+json"));
        String retry = as(key).get("/api/v1/teams").header("Retry-After");
        assertTrue(Integer.parseInt(retry) >= 1 && Integer.parseInt(retry) <= 20, retry);
    }

    @Test
    void unknownTeamIs404ForTheSystemKey() {
        asSystem().get("/api/v1/teams/team_doesnotexist000/api-keys").then().statusCode(404);
    }
}
