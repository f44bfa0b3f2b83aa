package kr.codeb.control.slot;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slot lifecycle over HTTP only (SlotLifecycleIT runs it against the packaged application and the native binary). */
@QuarkusTest
class SlotLifecycleTest {

    String team;
    String project;
    String member;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        team = t.team();
        project = t.project();
        member = t.member();
        admin = t.admin();
        base = t.env("production");
    }

    String deploy(String version) {
        return as(member).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\",\"port\":4100}")
                .post(base + "/deployments").then().statusCode(201).extract().path("deployment.id");
    }

    void report(String id, String status) {
        as(member).body("{\"status\":\"" + status + "\"}").patch("/api/v1/deployments/" + id).then().statusCode(200)
                .body("status", equalTo(status));
    }

    ValidatableResponse slot() {
        return as(member).get(base + "/slot").then().statusCode(200);
    }

    @Test
    void fullLifeDeployPromoteDeployPromoteRollback() {
        String v1 = deploy("1.0.0");
        slot().body("blue.state", equalTo("deployed")).body("blue.version", equalTo("1.0.0")).body("green.state", equalTo("empty"));
        report(v1, "running");
        report(v1, "success");
        as(member).post(base + "/promote").then().statusCode(200)
                .body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active")).body("graceExpiresAt", nullValue());

        String v2 = deploy("2.0.0");
        slot().body("green.state", equalTo("deployed")).body("green.version", equalTo("2.0.0"));
        report(v2, "success");
        as(member).post(base + "/promote").then().statusCode(200)
                .body("activeSlot", equalTo("green")).body("green.state", equalTo("active"))
                .body("blue.state", equalTo("grace")).body("graceExpiresAt", notNullValue());
        as(member).get("/api/v1/deployments/" + v2).then().body("promotedAt", notNullValue()).body("promotedBy", notNullValue());

        as(member).body("{\"reason\":\"error rate up\"}").post(base + "/rollback").then().statusCode(200)
                .body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active")).body("blue.version", equalTo("1.0.0"))
                .body("green.state", equalTo("deployed")).body("graceExpiresAt", nullValue());
        as(member).get("/api/v1/deployments/" + v2).then().body("rolledBackAt", notNullValue())
                .body("rollbackReason", equalTo("error rate up")).body("rolledBackBy", notNullValue());

        as(member).body("{\"reason\":\"again\"}").post(base + "/rollback").then().statusCode(409)
                .body("detail", containsString("no slot is in grace"));
    }

    @Test
    void deployLockNamesTheHolderAndIsReleasedBySuccess() {
        String first = deploy("1.0.0");
        as(member).body("{\"version\":\"1.0.1\",\"image\":\"app:1.0.1\"}").post(base + "/deployments").then().statusCode(409)
                .body("holder.id", equalTo(first)).body("holder.version", equalTo("1.0.0")).body("holder.deployedBy", notNullValue())
                .body("holder.since", notNullValue());
        report(first, "success");
        deploy("1.0.1");
    }

    @Test
    void deployLockIsReleasedByFailure() {
        String first = deploy("1.0.0");
        report(first, "failed");
        deploy("1.0.1");
    }

    @Test
    void finalStatusIsFinal() {
        String id = deploy("1.0.0");
        report(id, "failed");
        as(member).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(409);
    }

    @Test
    void promoteNeedsASucceededDeployment() {
        as(member).post(base + "/promote").then().statusCode(409).body("detail", containsString("Nothing to promote"));
        deploy("1.0.0");
        as(member).post(base + "/promote").then().statusCode(409).body("detail", containsString("has not succeeded"));
    }

    @Test
    void freezeBlocksDeployAndPromoteButNotRollback() {
        String v1 = deploy("1");
        report(v1, "success");
        as(member).post(base + "/promote").then().statusCode(200);
        String v2 = deploy("2");
        report(v2, "success");
        as(member).post(base + "/promote").then().statusCode(200);

        as(admin).body("{\"message\":\"release freeze\",\"until\":\"2099-01-01T00:00:00Z\"}").post(base + "/freeze").then().statusCode(200)
                .body("frozen.message", equalTo("release freeze")).body("frozen.by", notNullValue());
        as(member).body("{\"version\":\"3\",\"image\":\"app:3\"}").post(base + "/deployments").then().statusCode(409)
                .body("frozen.message", equalTo("release freeze")).body("frozen.until", equalTo("2099-01-01T00:00:00Z"));
        as(member).post(base + "/promote").then().statusCode(409).body("frozen.by", notNullValue());
        as(member).body("{\"reason\":\"emergency\"}").post(base + "/rollback").then().statusCode(200).body("activeSlot", equalTo("blue"))
                .body("frozen.message", equalTo("release freeze"));

        as(admin).delete(base + "/freeze").then().statusCode(204);
        slot().body("frozen", nullValue());
        deploy("3");
    }

    @Test
    void onlyAdminsFreeze() {
        as(member).body("{\"message\":\"x\"}").post(base + "/freeze").then().statusCode(403);
    }

    @Test
    void ifMatchGuardsTransitions() {
        String etag = as(member).get(base + "/slot").then().statusCode(200).extract().header("ETag");
        as(member).header("If-Match", "\"12345\"").body("{\"version\":\"1\",\"image\":\"i\"}").post(base + "/deployments")
                .then().statusCode(412);
        String after = as(member).header("If-Match", etag).body("{\"version\":\"1\",\"image\":\"i\"}").post(base + "/deployments")
                .then().statusCode(201).extract().header("ETag");
        assertNotEquals(etag, after);
        assertEquals(after, as(member).get(base + "/slot").header("ETag"));
        as(member).header("If-Match", etag).post(base + "/promote").then().statusCode(412);
    }

    @Test
    void autoPromoteOnSuccessWhenTheTeamAsksForIt() {
        Fixtures.pool().preparedQuery("UPDATE teams SET settings = '{\"deploymentDefaults\":{\"autoPromote\":true}}' WHERE id = $1")
                .execute(Tuple.of(team)).await().indefinitely();
        String id = deploy("1.0.0");
        as(member).body("{\"status\":\"success\",\"duration\":1200,\"steps\":[{\"name\":\"pull\",\"status\":\"success\"}]}")
                .patch("/api/v1/deployments/" + id).then().statusCode(200)
                .body("promotedAt", notNullValue()).body("duration", equalTo(1200)).body("steps[0].name", equalTo("pull"));
        slot().body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active"));
    }

    @Test
    void healthReportsAreRecorded() {
        deploy("1");
        as(member).body("{\"healthStatus\":\"healthy\"}").patch(base + "/slots/blue").then().statusCode(200)
                .body("blue.healthStatus", equalTo("healthy"));
        as(member).body("{\"healthStatus\":\"great\"}").patch(base + "/slots/blue").then().statusCode(400);
        as(member).body("{\"healthStatus\":\"healthy\"}").patch(base + "/slots/purple").then().statusCode(404);
        as(member).body("{\"healthStatus\":\"healthy\"}").patch(base + "/slots/green").then().statusCode(409);
    }

    @Test
    void viewerReadsButMayNotDeployPromoteOrRollBack() {
        String viewer = Fixtures.keyFor(team, Role.VIEWER);
        as(viewer).get(base + "/slot").then().statusCode(200);
        as(viewer).body("{\"version\":\"1\",\"image\":\"i\"}").post(base + "/deployments").then().statusCode(403);
        as(viewer).post(base + "/promote").then().statusCode(403);
        as(viewer).body("{}").post(base + "/rollback").then().statusCode(403);
    }

    @Test
    void anotherTeamGets404AndChangesNothing() {
        String id = deploy("1");
        String other = Fixtures.keyFor(Fixtures.newTeam(), Role.OWNER);
        as(other).get(base + "/slot").then().statusCode(404);
        as(other).body("{\"version\":\"9\",\"image\":\"i\"}").post(base + "/deployments").then().statusCode(404);
        as(other).post(base + "/promote").then().statusCode(404);
        as(other).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(404);
        as(other).get("/api/v1/deployments/" + id).then().statusCode(404);
        as(other).get("/api/v1/projects/" + project + "/deployments").then().statusCode(404);
        as(member).get("/api/v1/deployments/" + id).then().body("status", equalTo("pending"));
        slot().body("blue.version", equalTo("1"));
    }

    @Test
    void validationAndUnknownEnvironment() {
        as(member).body("{\"image\":\"i\"}").post(base + "/deployments").then().statusCode(400).body("errors[0].field", equalTo("version"));
        as(member).body("{\"version\":\"1\",\"image\":\"i\",\"port\":70000}").post(base + "/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("port"));
        as(member).body("{\"version\":\"1\",\"image\":\"i\"}").post("/api/v1/projects/" + project + "/environments/qa/deployments")
                .then().statusCode(404);
        as(member).get("/api/v1/projects/nope-" + Fixtures.unique() + "/environments/production/slot").then().statusCode(404);
    }

    @Test
    void historyIsNewestFirstAndPagesWithoutGapsAndStatsAddUp() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = deploy("v" + i);
            report(id, i % 2 == 0 ? "success" : "failed");
            ids.add(0, id);
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var r = as(member).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/projects/" + project + "/deployments").then().statusCode(200);
            seen.addAll(r.extract().path("items.id"));
            cursor = r.extract().path("nextCursor");
        } while (cursor != null);
        assertEquals(ids, seen);
        as(member).get("/api/v1/projects/" + project + "/deployments?status=failed").then().body("items.size()", equalTo(2));
        as(member).get("/api/v1/projects/" + project + "/deployments?environment=staging").then().body("items.size()", equalTo(0));
        as(member).get("/api/v1/projects/" + project + "/deployments?status=weird").then().statusCode(400);
        as(member).get("/api/v1/projects/" + project + "/deployments/stats").then().statusCode(200)
                .body("production.total", equalTo(5)).body("production.succeeded", equalTo(3)).body("production.failed", equalTo(2))
                .body("production.successRate", equalTo(0.6f)).body("production.lastDeployedAt", notNullValue())
                .body("staging.total", equalTo(0));
    }

    @Test
    void projectAndTeamWideSlotLists() {
        deploy("1");
        as(member).get("/api/v1/projects/" + project + "/slots").then().statusCode(200).body("size()", equalTo(3))
                .body("find { it.environment == 'production' }.blue.state", equalTo("deployed"));
        as(member).get("/api/v1/slots?projects=" + project).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].projectName", equalTo(project));
        String other = Fixtures.keyFor(Fixtures.newTeam(), Role.ADMIN);
        as(other).get("/api/v1/slots?projects=" + project).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void deploymentRecordsTheCurrentEnvVersion() {
        Fixtures.pool().preparedQuery("INSERT INTO project_envs (project_name, environment, env_data, version) VALUES ($1, 'production', '{}', 7)")
                .execute(Tuple.of(project)).await().indefinitely();
        String id = deploy("1");
        as(member).get("/api/v1/deployments/" + id).then().body("envVersion", equalTo(7));
    }
}
