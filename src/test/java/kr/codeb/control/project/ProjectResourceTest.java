package kr.codeb.control.project;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newTeam;
import static kr.codeb.control.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Audits;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectResourceTest {

    private static final String PROJECTS = "/api/v1/projects";
    private static final String PROJECT = "/api/v1/projects/{name}";
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    // ---------------------------------------------------------------- create

    @Test
    void memberCreatesAProjectInItsTeamWithDefaults() {
        String team = newTeam();
        String name = "app-" + unique();
        ExtractableResponse<Response> created = as(keyFor(team, Role.MEMBER)).body("{\"name\":\"" + name + "\"}").post(PROJECTS)
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("teamId", equalTo(team))
                .body("type", equalTo("nextjs"))
                .body("databaseName", nullValue())
                .body("createdAt", matchesPattern(ISO_UTC))
                .body("updatedAt", matchesPattern(ISO_UTC))
                .extract();
        assertThat(created.header("Location"), endsWith("/api/v1/projects/" + name));
        assertEquals(List.of("project.create"), Audits.successfulActions(name));
    }

    @Test
    void createKeepsEveryGivenField() {
        String team = newTeam();
        String name = "full-" + unique();
        as(keyFor(team, Role.MEMBER)).body("{\"name\":\"" + name + "\",\"type\":\"go\",\"databaseName\":\"full_db\","
                        + "\"databasePort\":5433,\"redisDb\":0,\"redisPort\":6379}")
                .post(PROJECTS).then().statusCode(201)
                .body("type", equalTo("go"))
                .body("databaseName", equalTo("full_db"))
                .body("databasePort", equalTo(5433))
                .body("redisDb", equalTo(0))
                .body("redisPort", equalTo(6379));
    }

    @Test
    void createNormalisesTheName() {
        String team = newTeam();
        String suffix = unique();
        String location = as(keyFor(team, Role.MEMBER)).body("{\"name\":\" My_App " + suffix.toUpperCase() + "\"}").post(PROJECTS)
                .then().statusCode(201).body("name", equalTo("my-app-" + suffix)).extract().header("Location");
        assertThat(location, endsWith("/api/v1/projects/my-app-" + suffix));
    }

    @Test
    void createWithAnInvalidNameIs400NamingName() {
        String member = keyFor(newTeam(), Role.MEMBER);
        for (String bad : List.of("-leading", "trailing_", "a.b", "한글", "x".repeat(101), "   ")) {
            as(member).body("{\"name\":\"" + bad + "\"}").post(PROJECTS).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("name"));
        }
    }

    @Test
    void createWithoutANameIs400NamingName() {
        as(keyFor(newTeam(), Role.MEMBER)).body("{}").post(PROJECTS).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name"));
    }

    @Test
    void createWithInvalidFieldsNamesEachField() {
        as(keyFor(newTeam(), Role.MEMBER)).body("{\"name\":\"ok-" + unique() + "\",\"type\":\"rails\",\"databaseName\":\"my-db\","
                        + "\"databasePort\":0,\"redisDb\":-1,\"redisPort\":65536}")
                .post(PROJECTS).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("type", "databaseName", "databasePort", "redisDb", "redisPort"));
    }

    @Test
    void createWithAWronglyTypedFieldIs400NamingIt() {
        String member = keyFor(newTeam(), Role.MEMBER);
        as(member).body("{\"name\":\"ok-" + unique() + "\",\"databasePort\":\"five\"}").post(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("databasePort"));
        as(member).body("{\"name\":\"ok-" + unique() + "\",\"redisPort\":99999999999}").post(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("redisPort"));
    }

    @Test
    void aBodyThatIsNotAnObjectIs400ProblemJson() {
        String member = keyFor(newTeam(), Role.MEMBER);
        as(member).body("[]").post(PROJECTS).then().statusCode(400).contentType("application/problem+json");
        as(member).body("{\"name\":").post(PROJECTS).then().statusCode(400).contentType("application/problem+json");
        as(member).body("null").post(PROJECTS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void nameHeldByAnotherTeamIs409WithoutNamingThatTeam() {
        String holder = newTeam();
        String name = "held-" + unique();
        createProject(keyFor(holder, Role.MEMBER), name);
        as(keyFor(newTeam(), Role.MEMBER)).body("{\"name\":\"" + name + "\"}").post(PROJECTS).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("taken"))
                .body("detail", not(containsString(holder)));
        asSystem().get(PROJECT, name).then().statusCode(200).body("teamId", equalTo(holder));
    }

    @Test
    void nameDifferingOnlyInCaseOrSeparatorsIsTheSameName() {
        String name = "same-" + unique();
        createProject(keyFor(newTeam(), Role.MEMBER), name);
        as(keyFor(newTeam(), Role.MEMBER)).body("{\"name\":\"" + name.toUpperCase().replace('-', '_') + "\"}").post(PROJECTS)
                .then().statusCode(409);
    }

    @Test
    void creatingAnExistingNameOfTheSameTeamIs409() {
        String member = keyFor(newTeam(), Role.MEMBER);
        String name = "twice-" + unique();
        createProject(member, name);
        as(member).body("{\"name\":\"" + name + "\"}").post(PROJECTS).then().statusCode(409);
    }

    @Test
    void viewerCannotCreateAProject() {
        String team = newTeam();
        String name = "viewer-" + unique();
        as(keyFor(team, Role.VIEWER)).body("{\"name\":\"" + name + "\"}").post(PROJECTS).then().statusCode(403);
        asSystem().get(PROJECT, name).then().statusCode(404);
    }

    @Test
    void teamKeyCreatingInAnotherTeamGets404() {
        String other = newTeam();
        String name = "elsewhere-" + unique();
        as(keyFor(newTeam(), Role.OWNER)).body("{\"name\":\"" + name + "\",\"teamId\":\"" + other + "\"}").post(PROJECTS)
                .then().statusCode(404);
        asSystem().get(PROJECT, name).then().statusCode(404);
    }

    @Test
    void teamKeyMayNameItsOwnTeam() {
        String team = newTeam();
        as(keyFor(team, Role.MEMBER)).body("{\"name\":\"own-" + unique() + "\",\"teamId\":\"" + team + "\"}").post(PROJECTS)
                .then().statusCode(201).body("teamId", equalTo(team));
    }

    @Test
    void systemKeyMustNameTheTeam() {
        asSystem().body("{\"name\":\"sys-" + unique() + "\"}").post(PROJECTS).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("teamId"));
    }

    @Test
    void systemKeyCreatesInTheNamedTeam() {
        String team = newTeam();
        asSystem().body("{\"name\":\"sys-" + unique() + "\",\"teamId\":\"" + team + "\"}").post(PROJECTS).then().statusCode(201)
                .body("teamId", equalTo(team));
    }

    @Test
    void systemKeyNamingAnUnknownTeamGets404() {
        asSystem().body("{\"name\":\"sys-" + unique() + "\",\"teamId\":\"team_missing_" + unique() + "\"}").post(PROJECTS)
                .then().statusCode(404);
        asSystem().body("{\"name\":\"sys-" + unique() + "\",\"teamId\":\"" + "t".repeat(300) + "\"}").post(PROJECTS)
                .then().statusCode(404);
    }

    // ---------------------------------------------------------------- read

    @Test
    void viewerReadsAProjectByAnyUnnormalisedSpellingOfItsName() {
        String team = newTeam();
        String suffix = unique();
        createProject(keyFor(team, Role.MEMBER), "read-me-" + suffix);
        as(keyFor(team, Role.VIEWER)).get(PROJECT, "Read_Me " + suffix.toUpperCase()).then().statusCode(200)
                .body("name", equalTo("read-me-" + suffix));
    }

    @Test
    void unknownOverlongOrOddNamesAre404NotServerErrors() {
        String viewer = keyFor(newTeam(), Role.VIEWER);
        for (String name : List.of("nothing-" + unique(), "x".repeat(1000), "a.b", "-", "%", "a\u0000b", "😀")) {
            as(viewer).get(PROJECT, name).then().statusCode(404).contentType("application/problem+json");
            as(viewer).body("{\"type\":\"go\"}").patch(PROJECT, name).then().statusCode(404);
            as(viewer).delete(PROJECT, name).then().statusCode(404);
        }
    }

    // ---------------------------------------------------------------- upsert

    @Test
    void putCreatesThenReplaces() {
        String team = newTeam();
        String member = keyFor(team, Role.MEMBER);
        String name = "put-" + unique();
        String location = as(member).body("{\"type\":\"python\",\"databaseName\":\"put_db\",\"redisDb\":2}").put(PROJECT, name)
                .then().statusCode(201).body("type", equalTo("python")).body("teamId", equalTo(team))
                .extract().header("Location");
        assertThat(location, endsWith("/api/v1/projects/" + name));

        as(member).body("{\"type\":\"remix\",\"redisPort\":6380}").put(PROJECT, name).then().statusCode(200)
                .body("type", equalTo("remix"))
                .body("redisPort", equalTo(6380))
                .body("databaseName", nullValue())
                .body("redisDb", nullValue());
        assertEquals(List.of("project.upsert", "project.upsert"), Audits.successfulActions(name));
    }

    @Test
    void putNormalisesThePathName() {
        String suffix = unique();
        as(keyFor(newTeam(), Role.MEMBER)).body("{}").put(PROJECT, "Put_Me " + suffix).then().statusCode(201)
                .body("name", equalTo("put-me-" + suffix));
    }

    @Test
    void putOfANameHeldByAnotherTeamIs409AndChangesNothing() {
        String holder = newTeam();
        String name = "mine-" + unique();
        createProject(keyFor(holder, Role.MEMBER), name);
        as(keyFor(newTeam(), Role.OWNER)).body("{\"type\":\"go\"}").put(PROJECT, name).then().statusCode(409)
                .body("detail", not(containsString(holder)));
        as(keyFor(holder, Role.VIEWER)).get(PROJECT, name).then().statusCode(200).body("type", equalTo("nextjs"))
                .body("teamId", equalTo(holder));
    }

    @Test
    void putWithAnInvalidNameIs400NamingName() {
        as(keyFor(newTeam(), Role.MEMBER)).body("{}").put(PROJECT, "bad.name").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name"));
        as(keyFor(newTeam(), Role.MEMBER)).body("{}").put(PROJECT, "y".repeat(101)).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name"));
    }

    @Test
    void putWithInvalidFieldsNamesEachField() {
        as(keyFor(newTeam(), Role.MEMBER)).body("{\"type\":\"java\",\"redisDb\":-5}").put(PROJECT, "f-" + unique())
                .then().statusCode(400).body("errors.field", containsInAnyOrder("type", "redisDb"));
    }

    @Test
    void viewerCannotPut() {
        as(keyFor(newTeam(), Role.VIEWER)).body("{}").put(PROJECT, "v-" + unique()).then().statusCode(403);
    }

    @Test
    void systemKeyPutWithoutTeamIdIs400() {
        asSystem().body("{}").put(PROJECT, "s-" + unique()).then().statusCode(400).body("errors.field", containsInAnyOrder("teamId"));
    }

    // ---------------------------------------------------------------- patch

    @Test
    void patchChangesOnlyTheGivenFields() {
        String team = newTeam();
        String member = keyFor(team, Role.MEMBER);
        String name = "patch-" + unique();
        as(member).body("{\"name\":\"" + name + "\",\"databaseName\":\"keep_db\",\"databasePort\":5433}").post(PROJECTS)
                .then().statusCode(201);
        as(member).body("{\"type\":\"nodejs\",\"redisDb\":3}").patch(PROJECT, name).then().statusCode(200)
                .body("type", equalTo("nodejs"))
                .body("redisDb", equalTo(3))
                .body("databaseName", equalTo("keep_db"))
                .body("databasePort", equalTo(5433))
                .body("teamId", equalTo(team));
        assertEquals(List.of("project.create", "project.update"), Audits.successfulActions(name));
    }

    @Test
    void patchWithInvalidFieldsNamesEachField() {
        String member = keyFor(newTeam(), Role.MEMBER);
        String name = createProject(member, "pv-" + unique());
        as(member).body("{\"type\":\"\",\"databasePort\":70000}").patch(PROJECT, name).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("type", "databasePort"));
    }

    @Test
    void viewerCannotPatch() {
        String team = newTeam();
        String name = createProject(keyFor(team, Role.MEMBER), "vp-" + unique());
        as(keyFor(team, Role.VIEWER)).body("{\"type\":\"go\"}").patch(PROJECT, name).then().statusCode(403);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void adminDeletesAProject() {
        String team = newTeam();
        String name = createProject(keyFor(team, Role.MEMBER), "del-" + unique());
        as(keyFor(team, Role.ADMIN)).delete(PROJECT, name).then().statusCode(204);
        asSystem().get(PROJECT, name).then().statusCode(404);
        assertEquals(List.of("project.create", "project.delete"), Audits.successfulActions(name));
    }

    @Test
    void memberCannotDeleteAProject() {
        String team = newTeam();
        String name = createProject(keyFor(team, Role.MEMBER), "keep-" + unique());
        as(keyFor(team, Role.MEMBER)).delete(PROJECT, name).then().statusCode(403);
        asSystem().get(PROJECT, name).then().statusCode(200);
    }

    @Test
    void aDeletedNameIsFreeForAnyTeam() {
        String name = "reuse-" + unique();
        String team = newTeam();
        createProject(keyFor(team, Role.MEMBER), name);
        as(keyFor(team, Role.ADMIN)).delete(PROJECT, name).then().statusCode(204);
        String next = newTeam();
        as(keyFor(next, Role.MEMBER)).body("{\"name\":\"" + name + "\"}").post(PROJECTS).then().statusCode(201)
                .body("teamId", equalTo(next));
    }

    // ---------------------------------------------------------------- another team

    @Test
    void anotherTeamsAdminGets404ForReadPatchAndDeleteAndNothingChanges() {
        String team = newTeam();
        String name = createProject(keyFor(team, Role.MEMBER), "private-" + unique());
        String stranger = keyFor(newTeam(), Role.ADMIN);
        as(stranger).get(PROJECT, name).then().statusCode(404);
        as(stranger).body("{\"type\":\"go\"}").patch(PROJECT, name).then().statusCode(404);
        as(stranger).delete(PROJECT, name).then().statusCode(404);
        as(stranger).get(PROJECTS).then().statusCode(200).body("items.name", not(hasItem(name)));

        as(keyFor(team, Role.OWNER)).get(PROJECT, name).then().statusCode(200).body("type", equalTo("nextjs"));
        assertEquals(List.of("project.create"), Audits.successfulActions(name));
    }

    @Test
    void teamKeyListingAnotherTeamGets404() {
        as(keyFor(newTeam(), Role.ADMIN)).queryParam("teamId", newTeam()).get(PROJECTS).then().statusCode(404);
    }

    // ---------------------------------------------------------------- list

    @Test
    void teamKeyListsOnlyItsOwnProjects() {
        String team = newTeam();
        String mine = createProject(keyFor(team, Role.MEMBER), "l-mine-" + unique());
        String theirs = createProject(keyFor(newTeam(), Role.MEMBER), "l-theirs-" + unique());
        as(keyFor(team, Role.VIEWER)).get(PROJECTS).then().statusCode(200)
                .body("items.name", containsInAnyOrder(mine))
                .body("items.name", not(hasItem(theirs)))
                .body("nextCursor", nullValue());
    }

    @Test
    void listPagesInNameOrderWithoutGapsOrDuplicates() {
        String team = newTeam();
        String member = keyFor(team, Role.MEMBER);
        String prefix = "pg-" + unique() + "-";
        List<String> created = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            created.add(createProject(member, prefix + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(keyFor(team, Role.VIEWER)).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PROJECTS).then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items").size(), org.hamcrest.Matchers.lessThanOrEqualTo(3));
            seen.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(created.stream().sorted().toList(), seen);
    }

    @Test
    void systemKeyListsOneTeamWithTeamId() {
        String team = newTeam();
        String a = createProject(keyFor(team, Role.MEMBER), "sa-" + unique());
        String b = createProject(keyFor(team, Role.MEMBER), "sb-" + unique());
        createProject(keyFor(newTeam(), Role.MEMBER), "sc-" + unique());
        asSystem().queryParam("teamId", team).get(PROJECTS).then().statusCode(200).body("items.name", containsInAnyOrder(a, b));
    }

    @Test
    void systemKeyWithoutTeamIdListsEveryTeam() {
        String a = createProject(keyFor(newTeam(), Role.MEMBER), "every-" + unique());
        String b = createProject(keyFor(newTeam(), Role.MEMBER), "every-" + unique());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = asSystem().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PROJECTS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen, hasItems(a, b));
        assertEquals(seen.stream().distinct().sorted().toList(), seen);
    }

    @Test
    void systemKeyListingAnUnknownTeamGets404() {
        asSystem().queryParam("teamId", "team_missing_" + unique()).get(PROJECTS).then().statusCode(404);
        asSystem().queryParam("teamId", "x".repeat(100)).get(PROJECTS).then().statusCode(404);
    }

    @Test
    void badLimitOrCursorIs400() {
        String viewer = keyFor(newTeam(), Role.VIEWER);
        as(viewer).queryParam("limit", -1).get(PROJECTS).then().statusCode(400).body("errors.field", hasItem("limit"));
        as(viewer).queryParam("limit", 1000).get(PROJECTS).then().statusCode(400).body("errors.field", hasItem("limit"));
        as(viewer).queryParam("cursor", "%%%").get(PROJECTS).then().statusCode(400).body("errors.field", hasItem("cursor"));
        as(viewer).queryParam("cursor", "x".repeat(600)).get(PROJECTS).then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    private static String createProject(String key, String name) {
        return as(key).body("{\"name\":\"" + name + "\"}").post(PROJECTS).then().statusCode(201).extract().path("name");
    }
}
