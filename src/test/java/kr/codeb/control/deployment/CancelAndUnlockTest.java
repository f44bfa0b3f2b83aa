package kr.codeb.control.deployment;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancel (member) and the deploy lock's view and forced release (admin), SPEC §11. */
@QuarkusTest
class CancelAndUnlockTest {

    @Inject
    DeployTimeoutSweep timeoutSweep;

    TeamProject tp;
    String env;

    @BeforeEach
    void setUp() {
        tp = Fixtures.teamWithProject();
        env = tp.env("staging");
    }

    Response deploy(String version, String query) {
        return as(tp.member()).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\"}").post(env + "/deployments" + query);
    }

    @Test
    void cancellingThePendingOneReleasesTheLockAndStartsTheNext() {
        String first = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        String next = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        as(tp.member()).body("{\"reason\":\"wrong branch\"}").post("/api/v1/deployments/" + first + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("cancelReason", equalTo("wrong branch"))
                .body("cancelledBy", notNullValue()).body("completedAt", notNullValue());
        as(tp.viewer()).get("/api/v1/deployments/" + next).then().body("status", equalTo("pending"));
        as(tp.viewer()).get(env + "/lock").then().body("holder.deploymentId", equalTo(next));
        // the slot the cancelled one took keeps its state and cannot be promoted
        as(tp.member()).post(env + "/promote").then().statusCode(409);
        long audited = Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE action = 'deployment.cancel' AND resource_id = $1")
                .execute(Tuple.of(first)).await().indefinitely().iterator().next().getLong(0);
        org.junit.jupiter.api.Assertions.assertEquals(1, audited);
    }

    @Test
    void cancellingAQueuedOneTakesItOutOfTheQueue() {
        deploy("1", "").then().statusCode(201);
        String a = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        String b = deploy("3", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        as(tp.member()).post("/api/v1/deployments/" + a + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        as(tp.viewer()).get(env + "/lock").then().body("queued.deploymentId", equalTo(java.util.List.of(b)))
                .body("queued[0].position", equalTo(1));
    }

    @Test
    void aFinalDeploymentCannotBeCancelled() {
        String id = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        as(tp.member()).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(tp.member()).post("/api/v1/deployments/" + id + "/cancel").then().statusCode(409).contentType("application/problem+json");
        as(tp.viewer()).get("/api/v1/deployments/" + id).then().body("status", equalTo("success"));
    }

    @Test
    void aViewerMayNotCancelAndAnotherTeamDoesNotSeeIt() {
        String id = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        as(tp.viewer()).post("/api/v1/deployments/" + id + "/cancel").then().statusCode(403);
        TeamProject other = Fixtures.teamWithProject();
        as(other.admin()).post("/api/v1/deployments/" + id + "/cancel").then().statusCode(404);
        as(other.viewer()).get(env + "/lock").then().statusCode(404);
        as(tp.viewer()).get("/api/v1/deployments/" + id).then().body("status", equalTo("pending"));
    }

    @Test
    void anAdminForcesTheLockOpen() {
        String stuck = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        String next = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        as(tp.member()).body("{\"reason\":\"runner died\"}").delete(env + "/lock").then().statusCode(403);
        as(tp.admin()).body("{\"reason\":\"runner died\"}").delete(env + "/lock").then().statusCode(200)
                .body("held", equalTo(true)).body("holder.deploymentId", equalTo(next)).body("queued", hasSize(0));
        as(tp.viewer()).get("/api/v1/deployments/" + stuck).then().body("status", equalTo("cancelled"))
                .body("cancelReason", equalTo("runner died"));
        as(tp.member()).post("/api/v1/deployments/" + next + "/cancel").then().statusCode(200);
        as(tp.admin()).delete(env + "/lock").then().statusCode(409);
        as(tp.viewer()).get(env + "/lock").then().statusCode(200).body("held", equalTo(false));
    }

    @Test
    void deployLockIsReleasedByTheTimeoutSweep() {
        String first = deploy("1.0.0", "").then().statusCode(201).extract().path("deployment.id");
        Fixtures.pool().preparedQuery("UPDATE deployments SET created_at = NOW() - interval '31 minutes', started_at = NOW() - interval '31 minutes' WHERE id = $1")
                .execute(Tuple.of(first)).await().indefinitely();
        assertEquals(1, timeoutSweep.failTimedOut().await().indefinitely());
        as(tp.member()).get("/api/v1/deployments/" + first).then().body("status", equalTo("failed")).body("completedAt", notNullValue());
        deploy("1.0.1", "").then().statusCode(201);
    }
}
