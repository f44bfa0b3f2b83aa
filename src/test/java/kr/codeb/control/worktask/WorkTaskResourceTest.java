package kr.codeb.control.worktask;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static kr.codeb.control.support.Fixtures.keyFor;
import static kr.codeb.control.support.Fixtures.newProject;
import static kr.codeb.control.support.Fixtures.newTeam;
import static kr.codeb.control.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Audits;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkTaskResourceTest {

    static final String TASKS = "/api/v1/work-tasks";

    String team;
    String project;
    String member;

    @BeforeEach
    void setUp() {
        team = newTeam();
        project = newProject(team);
        member = keyFor(team, Role.MEMBER);
    }

    int create(String title) {
        return as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"" + title + "\",\"author\":\"kim@example.com\"}")
                .post(TASKS).then().statusCode(201).extract().path("id");
    }

    void move(int id, String status) {
        as(member).body("{\"status\":\"" + status + "\"}").patch(TASKS + "/" + id).then().statusCode(200).body("status", equalTo(status));
    }

    static long tasksOf(String project) {
        return Fixtures.pool().preparedQuery("SELECT count(*) FROM work_tasks WHERE project_name = $1").execute(Tuple.of(project))
                .await().indefinitely().iterator().next().getLong(0);
    }

    // ---------------------------------------------------------------- create

    @Test
    void memberCreatesADraftTaskWithNormalisedFiles() {
        var created = as(member).body("{\"projectName\":\"" + project.toUpperCase() + "\",\"title\":\" Add login \","
                        + "\"description\":\"form and session\",\"author\":\"kim@example.com\",\"branch\":\"feature/login\","
                        + "\"prNumber\":17,\"priority\":\"high\",\"affectedFiles\":[\"./src//login.ts\",\"src\\\\login.ts\",\"/lib/a.ts\"],"
                        + "\"affectedAreas\":[\"auth\",\" auth \",\"ui\"]}")
                .post(TASKS).then().statusCode(201)
                .body("id", notNullValue())
                .body("teamId", equalTo(team))
                .body("projectName", equalTo(project))
                .body("title", equalTo("Add login"))
                .body("description", equalTo("form and session"))
                .body("status", equalTo("draft"))
                .body("priority", equalTo("high"))
                .body("prNumber", equalTo(17))
                .body("affectedFiles", contains("src/login.ts", "lib/a.ts"))
                .body("affectedAreas", contains("auth", "ui"))
                .body("progressNotes", empty())
                .body("deployId", nullValue())
                .body("createdAt", notNullValue())
                .extract();
        int id = created.path("id");
        assertThat(created.header("Location"), endsWith(TASKS + "/" + id));
        assertEquals(List.of("work_task.create"), Audits.successfulActions(String.valueOf(id)));
    }

    @Test
    void createAppliesDefaults() {
        int id = create("Minimal");
        as(keyFor(team, Role.VIEWER)).get(TASKS + "/" + id).then().statusCode(200)
                .body("priority", equalTo("medium")).body("description", equalTo("")).body("affectedFiles", empty())
                .body("affectedAreas", empty()).body("branch", nullValue());
    }

    @Test
    void createValidatesEachField() {
        as(member).body("{}").post(TASKS).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("projectName", "title", "author"));
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"" + "t".repeat(501) + "\",\"author\":\"a\","
                        + "\"priority\":\"urgent\",\"prNumber\":0}")
                .post(TASKS).then().statusCode(400).body("errors.field", containsInAnyOrder("title", "priority", "prNumber"));
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"x\\u0000y\",\"author\":\"a\"}").post(TASKS).then()
                .statusCode(400).body("errors.field", contains("title"));
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\",\"prNumber\":\"seventeen\"}")
                .post(TASKS).then().statusCode(400).body("errors.field", contains("prNumber"));
        assertEquals(0, tasksOf(project));
    }

    @Test
    void affectedFilesWithDotDotAre400NamingTheElement() {
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\","
                        + "\"affectedFiles\":[\"ok.ts\",\"../etc/passwd\"]}").post(TASKS).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", contains("affectedFiles[1]"));
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\",\"affectedAreas\":[\"\\u0000\"]}")
                .post(TASKS).then().statusCode(400).body("errors.field", contains("affectedAreas[0]"));
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\",\"affectedFiles\":[null]}")
                .post(TASKS).then().statusCode(400).body("errors.field", contains("affectedFiles[0]"));
        assertEquals(0, tasksOf(project));
    }

    @Test
    void unicodeIsStoredAndLoneSurrogatesAreRefusedNotFailed() {
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"로그인 추가 🚀\",\"author\":\"김\","
                        + "\"affectedAreas\":[\"인증\"],\"affectedFiles\":[\"src/한글.ts\"]}")
                .post(TASKS).then().statusCode(201).body("affectedFiles", contains("src/한글.ts")).body("title", equalTo("로그인 추가 🚀"));
        // an unpaired surrogate is not text any database or client can hold: the strict JSON reader refuses it
        as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"로그인 \\ud800 추가\",\"author\":\"김\"}")
                .post(TASKS).then().statusCode(400);
    }

    @Test
    void viewerMayNotCreateTasks() {
        as(keyFor(team, Role.VIEWER)).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\"}").post(TASKS)
                .then().statusCode(403);
        assertEquals(0, tasksOf(project));
    }

    @Test
    void aTaskInAnotherTeamsProjectIs404AndNothingIsCreated() {
        String stranger = keyFor(newTeam(), Role.OWNER);
        as(stranger).body("{\"projectName\":\"" + project + "\",\"title\":\"t\",\"author\":\"a\"}").post(TASKS).then().statusCode(404);
        as(member).body("{\"projectName\":\"no-such-" + unique() + "\",\"title\":\"t\",\"author\":\"a\"}").post(TASKS).then()
                .statusCode(404);
        assertEquals(0, tasksOf(project));
    }

    // ---------------------------------------------------------------- read and list

    @Test
    void anotherTeamsTaskIs404ForEveryCall() {
        int id = create("Secret");
        String stranger = keyFor(newTeam(), Role.OWNER);
        as(stranger).get(TASKS + "/" + id).then().statusCode(404);
        as(stranger).body("{\"status\":\"in-progress\"}").patch(TASKS + "/" + id).then().statusCode(404);
        as(stranger).body("{\"note\":\"n\",\"author\":\"a\"}").post(TASKS + "/" + id + "/notes").then().statusCode(404);
        as(member).get(TASKS + "/" + id).then().body("status", equalTo("draft")).body("progressNotes", empty());
    }

    @Test
    void idsThatAreNotPositiveIntegersAre404() {
        for (String bad : List.of("abc", "0", "-1", "1.5", "99999999999", "2147483648", "007", "%00", "%F0%9F%9A%80", "1%20")) {
            as(member).urlEncodingEnabled(false).get(TASKS + "/" + bad).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
        as(member).body("{\"status\":\"review\"}").patch(TASKS + "/2147483647").then().statusCode(404);
    }

    @Test
    void listShowsTheTeamsTasksNewestFirstInPagesWithFilters() {
        int a = create("A");
        int b = create("B");
        int c = create("C");
        move(b, "in-progress");
        String other = newProject(team);
        as(member).body("{\"projectName\":\"" + other + "\",\"title\":\"D\",\"author\":\"lee@example.com\"}").post(TASKS).then()
                .statusCode(201);
        String strangers = newTeam();
        as(keyFor(strangers, Role.MEMBER))
                .body("{\"projectName\":\"" + newProject(strangers) + "\",\"title\":\"E\",\"author\":\"kim@example.com\"}")
                .post(TASKS).then().statusCode(201);

        String viewer = keyFor(team, Role.VIEWER);
        String cursor = as(viewer).queryParam("projectName", project).queryParam("limit", 2).get(TASKS).then().statusCode(200)
                .body("items.id", contains(c, b)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(viewer).queryParam("projectName", project).queryParam("limit", 2).queryParam("cursor", cursor).get(TASKS).then()
                .statusCode(200).body("items.id", contains(a)).body("nextCursor", nullValue());
        as(viewer).queryParam("status", "in-progress").get(TASKS).then().body("items.id", contains(b));
        as(viewer).queryParam("author", "lee@example.com").get(TASKS).then().body("items.title", contains("D"));
        as(viewer).get(TASKS).then().body("items", hasSize(4));
        asSystem().queryParam("teamId", team).get(TASKS).then().statusCode(200).body("items", hasSize(4));
    }

    @Test
    void listRefusesBadFiltersAndOtherTeams() {
        as(member).queryParam("status", "finished").get(TASKS).then().statusCode(400).body("errors.field", contains("status"));
        as(member).queryParam("cursor", "bm9wZQ").get(TASKS).then().statusCode(400);
        as(member).queryParam("teamId", newTeam()).get(TASKS).then().statusCode(404);
    }

    // ---------------------------------------------------------------- change

    @Test
    void patchChangesFieldsAndListsReplaceStoredOnes() {
        int id = create("Old");
        as(member).body("{\"title\":\"New\",\"branch\":\"fix/x\",\"prNumber\":3,\"priority\":\"critical\","
                        + "\"affectedFiles\":[\"a.ts\"],\"affectedAreas\":[\"deploy\"]}")
                .patch(TASKS + "/" + id).then().statusCode(200)
                .body("title", equalTo("New")).body("branch", equalTo("fix/x")).body("prNumber", equalTo(3))
                .body("priority", equalTo("critical")).body("affectedFiles", contains("a.ts")).body("affectedAreas", contains("deploy"))
                .body("status", equalTo("draft"));
        as(member).body("{}").patch(TASKS + "/" + id).then().statusCode(200).body("title", equalTo("New"));
        as(member).body("{\"title\":\"  \"}").patch(TASKS + "/" + id).then().statusCode(400).body("errors.field", contains("title"));
        as(member).body("{\"affectedFiles\":[\"a/../../b\"]}").patch(TASKS + "/" + id).then().statusCode(400)
                .body("errors.field", contains("affectedFiles[0]"));
        assertEquals(List.of("work_task.create", "work_task.update", "work_task.update"), Audits.successfulActions(String.valueOf(id)));
    }

    @Test
    void statusFollowsTheFlowIncludingReviewBackToInProgress() {
        int id = create("Flow");
        move(id, "in-progress");
        move(id, "review");
        move(id, "in-progress");
        move(id, "review");
        move(id, "done");
        move(id, "deployed");
    }

    @Test
    void anyOtherStatusMoveIs409AndChangesNothing() {
        int id = create("Skip");
        as(member).body("{\"status\":\"done\",\"title\":\"changed\"}").patch(TASKS + "/" + id).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("in-progress"));
        as(member).get(TASKS + "/" + id).then().body("status", equalTo("draft")).body("title", equalTo("Skip"));
        move(id, "in-progress");
        as(member).body("{\"status\":\"draft\"}").patch(TASKS + "/" + id).then().statusCode(409);
        move(id, "review");
        move(id, "done");
        as(member).body("{\"status\":\"review\"}").patch(TASKS + "/" + id).then().statusCode(409);
        move(id, "deployed");
        as(member).body("{\"status\":\"in-progress\"}").patch(TASKS + "/" + id).then().statusCode(409)
                .body("detail", containsString("final"));
    }

    @Test
    void theSameStatusAgainIsANoOp() {
        int id = create("Same");
        move(id, "draft");
        move(id, "in-progress");
        move(id, "in-progress");
    }

    @Test
    void badStatusValueIs400() {
        int id = create("Bad");
        as(member).body("{\"status\":\"archived\"}").patch(TASKS + "/" + id).then().statusCode(400)
                .body("errors.field", contains("status"));
    }

    @Test
    void deployIdMustNameADeploymentOfTheSameProject() {
        int id = create("Ship");
        String env = "/api/v1/projects/" + project + "/environments/production/deployments";
        String dep = as(member).body("{\"version\":\"1\",\"image\":\"app:1\"}").post(env).then().statusCode(201)
                .extract().path("deployment.id");
        String otherProject = newProject(team);
        String foreign = as(member).body("{\"version\":\"1\",\"image\":\"app:1\"}")
                .post("/api/v1/projects/" + otherProject + "/environments/production/deployments").then().statusCode(201)
                .extract().path("deployment.id");
        as(member).body("{\"deployId\":\"" + foreign + "\"}").patch(TASKS + "/" + id).then().statusCode(400)
                .body("errors.field", contains("deployId"));
        as(member).body("{\"deployId\":\"dep_nope\"}").patch(TASKS + "/" + id).then().statusCode(400);
        as(member).body("{\"deployId\":\"" + "d".repeat(40) + "\"}").patch(TASKS + "/" + id).then().statusCode(400);
        as(member).body("{\"deployId\":\"" + dep + "\"}").patch(TASKS + "/" + id).then().statusCode(200).body("deployId", equalTo(dep));
    }

    @Test
    void viewerMayReadButNotChange() {
        int id = create("Read only");
        String viewer = keyFor(team, Role.VIEWER);
        as(viewer).get(TASKS + "/" + id).then().statusCode(200);
        as(viewer).body("{\"status\":\"in-progress\"}").patch(TASKS + "/" + id).then().statusCode(403);
        as(viewer).body("{\"note\":\"n\",\"author\":\"a\"}").post(TASKS + "/" + id + "/notes").then().statusCode(403);
        as(member).get(TASKS + "/" + id).then().body("status", equalTo("draft")).body("progressNotes", empty());
    }

    // ---------------------------------------------------------------- notes

    @Test
    void notesAreAppendedWithADate() {
        int id = create("Notes");
        as(member).body("{\"note\":\"started\",\"author\":\"kim\"}").post(TASKS + "/" + id + "/notes").then().statusCode(200)
                .body("progressNotes", hasSize(1)).body("progressNotes[0].note", equalTo("started"))
                .body("progressNotes[0].author", equalTo("kim"))
                .body("progressNotes[0].date", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
        as(member).body("{\"note\":\"줄 바꿈\\n두 번째 🚀\",\"author\":\"lee\"}").post(TASKS + "/" + id + "/notes").then()
                .statusCode(200)
                .body("progressNotes.note", contains("started", "줄 바꿈\n두 번째 🚀"));
        assertEquals(List.of("work_task.create", "work_task.note", "work_task.note"), Audits.successfulActions(String.valueOf(id)));
    }

    @Test
    void aNoteNeedsTextAndAuthorWithoutNul() {
        int id = create("Bad notes");
        as(member).body("{}").post(TASKS + "/" + id + "/notes").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("note", "author"));
        as(member).body("{\"note\":\"a\\u0000b\",\"author\":\"kim\"}").post(TASKS + "/" + id + "/notes").then().statusCode(400)
                .body("errors.field", contains("note"));
        as(member).get(TASKS + "/" + id).then().body("progressNotes", empty());
    }
}
