package kr.codeb.control.deployment;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.Test;

/** {@code GET /deployments/{id}?waitFor=final}: answers on the final report, holding no thread per waiter. */
@QuarkusTest
class LongPollTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DeploymentWaiters waiters;

    @Test
    void twoHundredWaitersAllReturnWithinASecondOfTheFinalReportAndHoldNoWorkerThread() throws Exception {
        TeamProject tp = Fixtures.teamWithProject();
        String id = as(tp.member()).body("{\"version\":\"1\",\"image\":\"app:1\"}").post(tp.env("production") + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest poll = HttpRequest.newBuilder(base.resolve("/api/v1/deployments/" + id + "?waitFor=final&timeout=PT30S"))
                .header("Authorization", "Bearer " + tp.viewer()).timeout(Duration.ofSeconds(40)).build();
        int workersBefore = workerThreads();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        long[] answeredAt = new long[200];
        for (int i = 0; i < 200; i++) {
            int n = i;
            polls.add(client.sendAsync(poll, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> answeredAt[n] = System.nanoTime()));
        }
        Await.until(() -> waiters.waiters() == 200, 20_000, "all 200 polls are waiting");
        int workersWhileWaiting = workerThreads();
        assertTrue(workersWhileWaiting - workersBefore < 10, "a waiter holds no worker thread: " + workersBefore + " before, "
                + workersWhileWaiting + " with 200 waiting");
        assertTrue(polls.stream().noneMatch(CompletableFuture::isDone), "nobody answered before the report");

        long reported = System.nanoTime();
        as(tp.member()).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = polls.get(i).get();
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("\"status\":\"success\""), r.body());
            long ms = (answeredAt[i] - reported) / 1_000_000;
            assertTrue(ms < 1_000, "poll " + i + " answered " + ms + " ms after the report");
        }
        assertEquals(0, waiters.waiters());
    }

    @Test
    void theTimeoutAnswersTheCurrentStateAndAFinalOneAnswersAtOnce() {
        TeamProject tp = Fixtures.teamWithProject();
        String id = as(tp.member()).body("{\"version\":\"1\",\"image\":\"app:1\"}").post(tp.env("preview") + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
        long start = System.nanoTime();
        as(tp.viewer()).get("/api/v1/deployments/" + id + "?waitFor=final&timeout=PT1S").then().statusCode(200)
                .body("status", equalTo("pending"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 900 && ms < 5_000, "answered at the timeout: " + ms + " ms");
        as(tp.member()).body("{\"status\":\"failed\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(tp.viewer()).get("/api/v1/deployments/" + id + "?waitFor=final").then().statusCode(200).body("status", equalTo("failed"));
        as(tp.viewer()).get("/api/v1/deployments/" + id + "?waitFor=final&timeout=PT61S").then().statusCode(400);
        as(tp.viewer()).get("/api/v1/deployments/" + id + "?waitFor=soon").then().statusCode(400);
    }

    private static int workerThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("executor-thread")).count();
    }
}
