package kr.codeb.control.deployment;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ?wait=}: deployments that queue for the deploy lock and start in order when it is released (SPEC §11). */
@QuarkusTest
class DeployQueueTest {

    TeamProject tp;
    String env;

    @BeforeEach
    void setUp() {
        tp = Fixtures.teamWithProject();
        env = tp.env("production");
    }

    Response deploy(String version, String query) {
        return as(tp.member()).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\",\"port\":4100}")
                .post(env + "/deployments" + query);
    }

    String status(String id) {
        return as(tp.viewer()).get("/api/v1/deployments/" + id).then().statusCode(200).extract().path("status");
    }

    void report(String id, String status) {
        as(tp.member()).body("{\"status\":\"" + status + "\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
    }

    @Test
    void threePipelinesAtOnceGetOneStartAndTwoPlacesAndStartInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String v = "1.0." + i;
            calls.add(pool.submit((Callable<Response>) () -> deploy(v, "?wait=PT10M")));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : calls) {
            answers.add(f.get());
        }
        pool.shutdown();
        List<Response> started = answers.stream().filter(r -> r.statusCode() == 201).toList();
        List<Response> queued = answers.stream().filter(r -> r.statusCode() == 202)
                .sorted(java.util.Comparator.comparingInt(r -> r.path("queue.position"))).toList();
        assertEquals(1, started.size(), "one starts");
        assertEquals(2, queued.size(), "two wait");
        String first = started.get(0).path("deployment.id");
        assertEquals(List.of(1, 2), queued.stream().map(r -> (Integer) r.path("queue.position")).toList());
        for (Response q : queued) {
            assertEquals(first, (String) q.path("queue.blockedBy"), "both wait for the holder");
            assertEquals("queued", (String) q.path("deployment.status"));
            assertEquals(null, (String) q.path("deployment.slot"), "a queued deployment has no slot yet");
            assertTrue(q.header("Location").endsWith("/api/v1/deployments/" + q.path("deployment.id")));
        }
        String second = queued.get(0).path("deployment.id");
        String third = queued.get(1).path("deployment.id");

        as(tp.viewer()).get(env + "/lock").then().statusCode(200).body("held", equalTo(true))
                .body("holder.deploymentId", equalTo(first)).body("queued.deploymentId", equalTo(List.of(second, third)))
                .body("queued.position", equalTo(List.of(1, 2)));

        report(first, "success");
        assertEquals("pending", status(second), "the first in the queue starts the moment the lock is released");
        assertEquals("queued", status(third));
        as(tp.viewer()).get("/api/v1/deployments/" + second).then().body("slot", notNullValue()).body("startedAt", notNullValue());

        report(second, "failed");
        assertEquals("pending", status(third), "a failure releases the lock as well");
        as(tp.viewer()).get(env + "/lock").then().body("holder.deploymentId", equalTo(third)).body("queued", hasSize(0));
    }

    @Test
    void theSlotIsChosenWhenTheQueuedDeploymentStarts() {
        // with auto-promote, the success of the first makes blue active before the second starts: it takes green, which
        // is not what was idle when it queued (blue, with nothing active)
        as(tp.admin()).body("{\"settings\":{\"deploymentDefaults\":{\"autoPromote\":true}}}").patch("/api/v1/teams/{id}", tp.team())
                .then().statusCode(200);
        String first = deploy("1", "?wait=PT5M").then().statusCode(201).body("deployment.slot", equalTo("blue"))
                .extract().path("deployment.id");
        String second = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        report(first, "success");
        as(tp.viewer()).get("/api/v1/deployments/" + second).then().body("status", equalTo("pending")).body("slot", equalTo("green"));
        as(tp.viewer()).get(env + "/slot").then().statusCode(200).body("activeSlot", equalTo("blue"))
                .body("blue.version", equalTo("1")).body("green.state", equalTo("deployed")).body("green.version", equalTo("2"));
    }

    @Test
    void withoutWaitTheLockStillRefuses() {
        String first = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        deploy("2", "").then().statusCode(409).body("holder.id", equalTo(first));
    }

    @Test
    void aWaitThatRunsOutExpires() {
        deploy("1", "").then().statusCode(201);
        String late = deploy("2", "?wait=PT1S").then().statusCode(202).extract().path("deployment.id");
        Await.until(() -> "expired".equals(status(late)), 5_000, "expired after its wait");
        as(tp.viewer()).get("/api/v1/deployments/" + late).then().body("completedAt", notNullValue()).body("slot", nullValue());
        as(tp.viewer()).get(env + "/lock").then().body("queued", hasSize(0));
    }

    @Test
    void theQueueLimitAnswers429WithRetryAfter() {
        deploy("0", "").then().statusCode(201);
        for (int i = 1; i <= 10; i++) {
            deploy("q" + i, "?wait=PT10M").then().statusCode(202).body("queue.position", equalTo(i));
        }
        deploy("q11", "?wait=PT10M").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        as(tp.viewer()).get(env + "/lock").then().body("queued", hasSize(10));
    }

    @Test
    void supersedeLeavesOnlyTheNewestQueued() {
        deploy("0", "").then().statusCode(201);
        String a = deploy("a", "?wait=PT10M").then().statusCode(202).extract().path("deployment.id");
        String b = deploy("b", "?wait=PT10M").then().statusCode(202).extract().path("deployment.id");
        String c = deploy("c", "?wait=PT10M&supersede=true").then().statusCode(202).body("queue.position", equalTo(1))
                .extract().path("deployment.id");
        as(tp.viewer()).get(env + "/lock").then().body("queued.deploymentId", equalTo(List.of(c)));
        assertEquals("cancelled", status(a));
        as(tp.viewer()).get("/api/v1/deployments/" + b).then().body("status", equalTo("cancelled"))
                .body("cancelReason", equalTo("superseded by " + c));
    }

    @Test
    void badWaitsAreRefused() {
        deploy("1", "?wait=PT2H").then().statusCode(400).body("errors[0].field", equalTo("wait"));
        deploy("1", "?wait=soon").then().statusCode(400);
        deploy("1", "?supersede=true").then().statusCode(400).body("errors[0].field", equalTo("supersede"));
        as(tp.viewer()).get(env + "/lock").then().body("held", equalTo(false)).body("holder", nullValue());
    }

    @Test
    void aQueuedDeploymentCannotBeReportedOn() {
        deploy("1", "").then().statusCode(201);
        String q = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        as(tp.member()).body("{\"status\":\"running\"}").patch("/api/v1/deployments/" + q).then().statusCode(409);
        assertEquals("queued", status(q));
    }

    @Test
    void theTimeoutSweepReleasesTheLockToTheQueueAndCountsFromTheStart() {
        String stuck = deploy("1", "").then().statusCode(201).extract().path("deployment.id");
        String next = deploy("2", "?wait=PT5M").then().statusCode(202).extract().path("deployment.id");
        // both were made long ago; only the holder has been running that long
        Fixtures.pool().preparedQuery("UPDATE deployments SET created_at = NOW() - interval '2 hours',"
                + " started_at = CASE WHEN id = $1 THEN NOW() - interval '2 hours' ELSE started_at END WHERE id IN ($1, $2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(stuck, next)).await().indefinitely();
        timeouts.failTimedOut().await().indefinitely();
        assertEquals("failed", status(stuck));
        assertEquals("pending", status(next), "the queued one started when the sweep released the lock");
        timeouts.failTimedOut().await().indefinitely();
        assertEquals("pending", status(next), "its timeout counts from its start, not from when it queued");
    }

    @jakarta.inject.Inject
    DeployTimeoutSweep timeouts;
}
