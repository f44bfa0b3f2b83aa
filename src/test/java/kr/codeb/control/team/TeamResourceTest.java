package kr.codeb.control.team;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newTeam;
import static kr.codeb.control.support.Fixtures.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import kr.codeb.control.auth.Role;
import io.vertx.mutiny.sqlclient.Tuple;
import kr.codeb.control.support.Audits;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TeamResourceTest {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Test
    void viewerReadsItsOwnTeam() {
        String team = newTeam();
        as(keyFor(team, Role.VIEWER)).get("/api/v1/teams/{id}", team).then().statusCode(200)
                .body("id", equalTo(team))
                .body("slug", startsWith("t-"))
                .body("plan", equalTo("free"))
                .body("createdAt", matchesPattern(ISO_UTC));
    }

    @Test
    void anotherTeamsAdminGets404ForRead() {
        String team = newTeam();
        as(keyFor(newTeam(), Role.ADMIN)).get("/api/v1/teams/{id}", team).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownTeamIs404ForSystemKey() {
        asSystem().get("/api/v1/teams/{id}", "team_does_not_exist_" + unique()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void overlongOrOddTeamIdsAre404NotServerErrors() {
        asSystem().get("/api/v1/teams/{id}", "x".repeat(300)).then().statusCode(404);
        asSystem().get("/api/v1/teams/{id}", "a b\u0000c").then().statusCode(404);
        asSystem().body("{\"name\":\"x\"}").patch("/api/v1/teams/{id}", "x".repeat(300)).then().statusCode(404);
        asSystem().delete("/api/v1/teams/{id}", "ü".repeat(40)).then().statusCode(404);
    }

    @Test
    void adminPatchChangesOnlyTheGivenFields() {
        String team = newTeam();
        String slug = "renamed-" + unique();
        as(keyFor(team, Role.ADMIN)).body("{\"name\":\"Renamed\",\"slug\":\"" + slug + "\",\"plan\":\"pro\","
                        + "\"settings\":{\"deploymentDefaults\":{\"autoPromote\":true}}}")
                .patch("/api/v1/teams/{id}", team).then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("slug", equalTo(slug))
                .body("plan", equalTo("pro"))
                .body("owner", startsWith("owner@"))
                .body("settings.deploymentDefaults.autoPromote", equalTo(true));
        asSystem().get("/api/v1/teams/{id}", team).then().statusCode(200).body("slug", equalTo(slug)).body("plan", equalTo("pro"));
    }

    @Test
    void patchIsAuditedInItsTransaction() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).body("{\"plan\":\"enterprise\"}").patch("/api/v1/teams/{id}", team).then().statusCode(200);
        assertEquals(List.of("team.create", "team.update"), Audits.successfulActions(team));
    }

    @Test
    void patchWithInvalidFieldsNamesEachField() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).body("{\"name\":\"  \",\"slug\":\"Bad Slug\",\"owner\":\"not-an-email\",\"plan\":\"gold\"}")
                .patch("/api/v1/teams/{id}", team).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("slug"))
                .body("errors.field", hasItem("owner"))
                .body("errors.field", hasItem("plan"));
    }

    @Test
    void patchWithoutBodyIs400() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).patch("/api/v1/teams/{id}", team).then().statusCode(400);
    }

    @Test
    void patchToASlugAnotherTeamHoldsIs409() {
        String team = newTeam();
        String taken = asSystem().get("/api/v1/teams/{id}", newTeam()).then().extract().path("slug");
        as(keyFor(team, Role.ADMIN)).body("{\"slug\":\"" + taken + "\"}").patch("/api/v1/teams/{id}", team).then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void memberKeyCannotPatchItsTeam() {
        String team = newTeam();
        as(keyFor(team, Role.MEMBER)).body("{\"plan\":\"pro\"}").patch("/api/v1/teams/{id}", team).then().statusCode(403);
    }

    @Test
    void anotherTeamsAdminGets404ForPatchAndNothingChanges() {
        String team = newTeam();
        as(keyFor(newTeam(), Role.ADMIN)).body("{\"plan\":\"pro\"}").patch("/api/v1/teams/{id}", team).then().statusCode(404);
        as(keyFor(team, Role.OWNER)).get("/api/v1/teams/{id}", team).then().statusCode(200).body("plan", equalTo("free"));
    }

    @Test
    void ownerDeletesItsTeamWithEverythingInIt() {
        String team = newTeam();
        String project = "gone-" + unique();
        String owner = keyFor(team, Role.OWNER);
        sql("INSERT INTO projects (name, team_id) VALUES ($1, $2)", project, team);
        sql("INSERT INTO team_members (id, team_id, email, role) VALUES ($1, $2, 'x@example.com', 'viewer')", "mem_" + unique(), team);

        as(owner).delete("/api/v1/teams/{id}", team).then().statusCode(204);

        asSystem().get("/api/v1/teams/{id}", team).then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM projects WHERE team_id = $1", team));
        assertEquals(0, count("SELECT count(*) FROM team_members WHERE team_id = $1", team));
        assertEquals(0, count("SELECT count(*) FROM api_keys WHERE team_id = $1", team));
        assertEquals(List.of("team.create", "team.delete"), Audits.successfulActions(team));
    }

    @Test
    void adminCannotDeleteItsTeam() {
        String team = newTeam();
        as(keyFor(team, Role.ADMIN)).delete("/api/v1/teams/{id}", team).then().statusCode(403);
        asSystem().get("/api/v1/teams/{id}", team).then().statusCode(200);
    }

    @Test
    void anotherTeamsOwnerGets404ForDeleteAndTheTeamStays() {
        String team = newTeam();
        as(keyFor(newTeam(), Role.OWNER)).delete("/api/v1/teams/{id}", team).then().statusCode(404);
        as(keyFor(team, Role.OWNER)).get("/api/v1/teams/{id}", team).then().statusCode(200);
    }

    @Test
    void deletingAnUnknownTeamIs404() {
        asSystem().delete("/api/v1/teams/{id}", "team_missing_" + unique()).then().statusCode(404);
    }

    @Test
    void listPagesThroughEveryTeamWithoutGapsOrDuplicates() {
        // A system key sees every team of the shared test database; walk all pages and check the order.
        List<String> seen = new java.util.ArrayList<>();
        String mine = newTeam();
        String cursor = null;
        do {
            var page = asSystem().queryParam("limit", 3).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/teams").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(seen.stream().distinct().sorted().toList(), seen);
        org.hamcrest.MatcherAssert.assertThat(seen, hasItem(mine));
    }

    @Test
    void teamKeyListsOnlyItsOwnTeam() {
        String team = newTeam();
        as(keyFor(team, Role.VIEWER)).get("/api/v1/teams").then().statusCode(200)
                .body("items.id", containsInAnyOrder(team));
    }

    private static void sql(String statement, Object... args) {
        Fixtures.pool().preparedQuery(statement).execute(Tuple.from(args)).await().indefinitely();
    }

    private static long count(String query, Object... args) {
        return Fixtures.pool().preparedQuery(query).execute(Tuple.from(args)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
