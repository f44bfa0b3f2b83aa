package kr.codeb.control.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Ids;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/audit-logs}: filters, order, keyset pages, total, and who may see what. */
@QuarkusTest
class AuditLogResourceTest {

    private static final String PATH = "/api/v1/audit-logs";

    private OffsetDateTime base;
    /** A team id no request ever acts for: its rows are exactly the ones a test inserts. */
    private String team;

    @BeforeEach
    void setUp() {
        base = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
        team = "tz" + Fixtures.unique();
    }

    @Test
    void newestFirstAcrossPagesWithoutGapsOrDuplicates() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(0, insert(team, base.plusSeconds(i), "team.read", "team", "r" + i, true));
        }
        // two rows in the same microsecond: the id breaks the tie, also across a page boundary
        OffsetDateTime tie = base.minusSeconds(10);
        String a = insert(team, tie, "team.read", "team", "tie", true);
        String b = insert(team, tie, "team.read", "team", "tie", true);
        expected.add(b.compareTo(a) > 0 ? b : a);
        expected.add(b.compareTo(a) > 0 ? a : b);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Fixtures.asSystem().queryParam("teamId", team).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertEquals(expected, seen);
        assertEquals(5, pages);
    }

    @Test
    void everyFilterNarrowsTheRows() {
        String read = insert(team, base.plusSeconds(1), "team.read", "team", "alpha", true);
        String failed = insert(team, base.plusSeconds(2), "team.update", "team", "alpha", false);
        String other = insert(team, base.plusSeconds(3), "project.create", "project", "beta", true);

        list("action", "team.read").body("items.id", contains(read));
        list("resource", "project").body("items.id", contains(other));
        list("resourceId", "alpha").body("items.id", contains(failed, read));
        list("success", "false").body("items.id", contains(failed));
        list("since", base.plusSeconds(2).toString()).body("items.id", contains(other, failed));
        list("until", base.plusSeconds(2).toString()).body("items.id", contains(read));
        Fixtures.asSystem().queryParam("teamId", team).queryParam("since", base.plusSeconds(2).toString())
                .queryParam("until", base.plusSeconds(3).toString()).queryParam("success", "false")
                .get(PATH).then().statusCode(200).body("items.id", contains(failed));
    }

    @Test
    void itemsCarryEveryFieldOfTheRow() {
        String id = insert(team, base, "team.update", "team", "gamma", false);
        list("resourceId", "gamma")
                .body("items[0].id", equalTo(id))
                .body("items[0].timestamp", equalTo(base.toInstant().toString()))
                .body("items[0].teamId", equalTo(team))
                .body("items[0].keyId", equalTo("key_test"))
                .body("items[0].userId", equalTo("tester"))
                .body("items[0].role", equalTo("admin"))
                .body("items[0].action", equalTo("team.update"))
                .body("items[0].resource", equalTo("team"))
                .body("items[0].params.name", equalTo("x"))
                .body("items[0].success", equalTo(false))
                .body("items[0].duration", equalTo(12))
                .body("items[0].ip", equalTo("192.0.2.1"))
                .body("items[0].userAgent", equalTo("test-agent"))
                .body("items[0].error", equalTo("it failed"));
    }

    @Test
    void withTotalCountsEveryMatchingRowNotJustThePage() {
        for (int i = 0; i < 5; i++) {
            insert(team, base.plusSeconds(i), "team.read", "team", "t", i % 2 == 0);
        }
        Fixtures.asSystem().queryParam("teamId", team).queryParam("limit", 2).queryParam("withTotal", true)
                .get(PATH).then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("total", equalTo(5))
                .body("nextCursor", notNullValue());
        Fixtures.asSystem().queryParam("teamId", team).queryParam("success", true).queryParam("withTotal", true)
                .get(PATH).then().statusCode(200).body("total", equalTo(3));
        Fixtures.asSystem().queryParam("teamId", team).get(PATH).then().statusCode(200)
                .body("$", not(hasKey("total")))
                .body("$", hasKey("nextCursor"))
                .body("nextCursor", nullValue());
    }

    @Test
    void teamAdminSeesOnlyItsOwnTeamsRows() {
        String teamA = Fixtures.newTeam();
        String teamB = Fixtures.newTeam();
        String rowA = insert(teamA, base, "team.read", "team", teamA, true);
        String rowB = insert(teamB, base, "team.read", "team", teamB, true);
        String adminA = Fixtures.keyFor(teamA, Role.ADMIN);

        Fixtures.as(adminA).queryParam("limit", 200).get(PATH).then().statusCode(200)
                .body("items.id", hasItem(rowA))
                .body("items.id", not(hasItem(rowB)))
                .body("items.teamId", everyItem(equalTo(teamA)));
        Fixtures.as(adminA).queryParam("teamId", teamA).get(PATH).then().statusCode(200)
                .body("items.id", hasItem(rowA));
        Fixtures.as(adminA).queryParam("teamId", teamB).get(PATH).then().statusCode(404)
                .body("detail", equalTo("No team '" + teamB + "'"));
        Fixtures.as(adminA).queryParam("resourceId", teamB).get(PATH).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void systemKeySeesAnyTeam() {
        String teamB = Fixtures.newTeam();
        String rowB = insert(teamB, base, "team.read", "team", teamB, true);
        Fixtures.asSystem().queryParam("teamId", teamB).get(PATH).then().statusCode(200)
                .body("items.id", hasItem(rowB));
    }

    @Test
    void viewerAndMemberAreForbidden() {
        String t = Fixtures.newTeam();
        for (Role role : List.of(Role.VIEWER, Role.MEMBER)) {
            Fixtures.as(Fixtures.keyFor(t, role)).get(PATH).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void noKeyIs401() {
        io.restassured.RestAssured.given().get(PATH).then().statusCode(401);
    }

    @Test
    void invalidFiltersAre400WithTheField() {
        badRequest("success", "maybe", "success");
        badRequest("withTotal", "yes", "withTotal");
        badRequest("since", "yesterday", "since");
        badRequest("until", "2026-13-45T00:00:00Z", "until");
        badRequest("cursor", "not-a-cursor", "cursor");
        badRequest("limit", "0", "limit");
        badRequest("limit", "201", "limit");
        Fixtures.asSystem().queryParam("since", "2026-02-01T00:00:00Z").queryParam("until", "2026-01-01T00:00:00Z")
                .get(PATH).then().statusCode(400).body("errors[0].field", equalTo("until"));
    }

    private void badRequest(String name, String value, String field) {
        Fixtures.asSystem().queryParam(name, value).get(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    private io.restassured.response.ValidatableResponse list(String name, String value) {
        return Fixtures.asSystem().queryParam("teamId", team).queryParam(name, value).get(PATH).then().statusCode(200);
    }

    /** Inserts one row straight into the database and returns its id. */
    static String insert(String teamId, OffsetDateTime at, String action, String resource, String resourceId,
            boolean success) {
        String id = Ids.newId("aud");
        Fixtures.pool().preparedQuery("INSERT INTO audit_logs (id, timestamp, team_id, key_id, user_id, role, action,"
                        + " resource, resource_id, params, success, duration, ip, user_agent, error)"
                        + " VALUES ($1, $2, $3, 'key_test', 'tester', 'admin', $4, $5, $6, $7, $8, 12, '192.0.2.1',"
                        + " 'test-agent', $9)")
                .execute(Tuple.tuple(Arrays.asList(id, at, teamId, action, resource, resourceId,
                        new JsonObject().put("name", "x"), success, success ? null : "it failed")))
                .await().indefinitely();
        return id;
    }
}
