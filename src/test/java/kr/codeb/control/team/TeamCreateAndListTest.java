package kr.codeb.control.team;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TeamCreateAndListTest {

    private static String body(String slug) {
        return "{\"name\":\"Team " + slug + "\",\"slug\":\"" + slug + "\",\"owner\":\"owner@example.com\"}";
    }

    @Test
    void systemKeyCreatesTeamWith201AndLocation() {
        String slug = "create-" + Fixtures.unique();
        io.restassured.response.Response created = asSystem().body(body(slug)).post("/api/v1/teams");
        String id = created.then().statusCode(201)
                .body("slug", equalTo(slug)).body("plan", equalTo("free")).body("settings", equalTo(java.util.Map.of()))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"))
                .extract().path("id");
        org.junit.jupiter.api.Assertions.assertTrue(id.startsWith("team_") && id.length() <= 32, id);
        // the Location names the stored team (looked up by id: a listing page need not hold it once there are many teams)
        created.then().header("Location", endsWith("/api/v1/teams/" + id));
        asSystem().get(created.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .body("slug", equalTo(slug));
    }

    @Test
    void clientChosenIdIsKept() {
        String id = "acme" + Fixtures.unique();
        asSystem().body("{\"id\":\"" + id + "\",\"name\":\"Acme\",\"slug\":\"" + id + "\",\"owner\":\"a@acme.io\",\"plan\":\"pro\","
                        + "\"settings\":{\"deploymentDefaults\":{\"autoPromote\":true}}}")
                .post("/api/v1/teams").then().statusCode(201).body("id", equalTo(id)).body("plan", equalTo("pro"))
                .body("settings.deploymentDefaults.autoPromote", equalTo(true));
    }

    @Test
    void takenSlugIs409() {
        String slug = "dup-" + Fixtures.unique();
        asSystem().body(body(slug)).post("/api/v1/teams").then().statusCode(201);
        asSystem().body(body(slug)).post("/api/v1/teams").then().statusCode(409).body("detail", containsString(slug));
    }

    @Test
    void invalidFieldsAreListed() {
        asSystem().body("{\"name\":\"\",\"slug\":\"Bad Slug\",\"owner\":\"nope\",\"plan\":\"gold\",\"id\":\"x\"}")
                .post("/api/v1/teams").then().statusCode(400)
                .body("errors.field", equalTo(List.of("id", "name", "owner", "plan", "slug")));
    }

    @Test
    void teamKeyMayNotCreateTeams() {
        String team = Fixtures.newTeam();
        as(Fixtures.keyFor(team, Role.OWNER)).body(body("x-" + Fixtures.unique())).post("/api/v1/teams").then().statusCode(403);
    }

    @Test
    void teamKeySeesOnlyItsOwnTeam() {
        String team = Fixtures.newTeam();
        Fixtures.newTeam();
        as(Fixtures.keyFor(team, Role.VIEWER)).get("/api/v1/teams").then().statusCode(200)
                .body("items.id", equalTo(List.of(team))).body("nextCursor", equalTo(null));
    }

    @Test
    void pagesCoverEveryTeamOnceWithoutGaps() {
        for (int i = 0; i < 5; i++) {
            Fixtures.newTeam();
        }
        List<String> all = asSystem().get("/api/v1/teams?limit=200").path("items.id");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var r = asSystem().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/teams").then().statusCode(200);
            paged.addAll(r.extract().path("items.id"));
            cursor = r.extract().path("nextCursor");
        } while (cursor != null);
        assertEquals(new HashSet<>(paged).size(), paged.size(), "no duplicates");
        org.junit.jupiter.api.Assertions.assertTrue(paged.containsAll(all), "no gaps");
    }

    @Test
    void badLimitAndCursorAre400() {
        asSystem().get("/api/v1/teams?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        asSystem().get("/api/v1/teams?limit=201").then().statusCode(400);
        asSystem().get("/api/v1/teams?limit=abc").then().statusCode(400);
        asSystem().get("/api/v1/teams?cursor=%%%garbage").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }
}
