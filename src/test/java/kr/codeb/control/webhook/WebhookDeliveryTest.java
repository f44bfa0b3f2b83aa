package kr.codeb.control.webhook;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.webhook.WebhookTestSupport.body;
import static kr.codeb.control.webhook.WebhookTestSupport.create;
import static kr.codeb.control.webhook.WebhookTestSupport.refused;
import static kr.codeb.control.webhook.WebhookTestSupport.type;
import static kr.codeb.control.webhook.WebhookTestSupport.verify;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.WebhookReceiver;
import kr.codeb.control.support.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a real receiver on a loopback port, each signature verified with the Standard Webhooks library. */
@QuarkusTest
@TestProfile(WebhookTestSupport.LoopbackTargets.class)
class WebhookDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    Fixtures.TeamProject t;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        t = Fixtures.teamWithProject();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    String deploy(String version) {
        return as(t.member()).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\"}").post(t.env("production") + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
    }

    @Test
    void oneSignedDeliveryPerCommittedChangeAndNoneForAFailedRequest() throws Exception {
        WebhookTestSupport.Created hook = create(t.admin(), t.team(), receiver.url("/hook"), "[\"*\"]");
        String id = deploy("1.0.0");
        // refused requests: the deploy lock (409), a role too low (403), a final status changed (409 after success)
        as(t.member()).body("{\"version\":\"1.0.1\",\"image\":\"app:1\"}").post(t.env("production") + "/deployments").then().statusCode(409);
        as(t.member()).body("{\"message\":\"no\"}").post(t.env("production") + "/freeze").then().statusCode(403);
        as(t.member()).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(t.member()).body("{\"status\":\"failed\"}").patch("/api/v1/deployments/" + id).then().statusCode(409);

        List<Received> got = receiver.await("/hook", r -> true, 2, WAIT);
        Thread.sleep(1500);
        assertEquals(2, receiver.to("/hook").size(), "one delivery per committed change: " + receiver.all());
        List<Received> bySeq = got.stream().sorted(Comparator.comparing(r -> body(r).getJsonObject("data").getLong("seq"))).toList();
        WebhookTestSupport.assertTypes(List.of("deployment.created", "deployment.succeeded"), bySeq);
        for (Received r : bySeq) {
            verify(hook.secret(), r);
            assertEquals(id, body(r).getJsonObject("data").getString("deploymentId"));
            assertEquals(t.project(), body(r).getJsonObject("data").getString("projectName"));
            assertEquals("production", body(r).getJsonObject("data").getString("environment"));
            assertEquals("1.0.0", body(r).getJsonObject("data").getString("version"));
            assertEquals("blue", body(r).getJsonObject("data").getString("slot"));
        }
        assertTrue(refused("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), bySeq.get(0)), "another secret must not verify");
        assertEquals(2L, Fixtures.pool().preparedQuery("SELECT count(*) FROM webhook_events WHERE project_name = $1").execute(Tuple.of(t.project()))
                .await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void aReceiverAnswering500TwiceThen200GetsTheEventThreeTimesWithOneWebhookId() {
        WebhookTestSupport.Created hook = create(t.admin(), t.team(), receiver.url("/hook"), "[\"deployment.created\"]");
        receiver.answer(500, 500);
        deploy("2.0.0");
        List<Received> got = receiver.await("/hook", r -> true, 3, WAIT);
        assertEquals(1, got.stream().map(r -> r.header("webhook-id")).distinct().count(), "one webhook-id on every attempt");
        got.forEach(r -> verify(hook.secret(), r));
        assertEquals(1, got.stream().map(Received::body).distinct().count(), "the same body on every attempt");
        String deliveries = "/api/v1/teams/" + t.team() + "/webhooks/" + hook.id() + "/deliveries";
        // the receiver has answered the third attempt; the worker records that answer a moment later
        Await.until(() -> "delivered".equals(as(t.admin()).get(deliveries).then().statusCode(200).extract().path("items[0].status")),
                WAIT.toMillis(), "the third attempt recorded as delivered");
        String delivery = as(t.admin()).get(deliveries).then().statusCode(200)
                .body("items[0].status", equalTo("delivered")).body("items[0].attempts", equalTo(3))
                .body("items[0].lastStatusCode", equalTo(200)).extract().path("items[0].id");
        as(t.admin()).get("/api/v1/teams/" + t.team() + "/webhooks/" + hook.id() + "/deliveries/" + delivery).then().statusCode(200)
                .body("requestBody", equalTo(got.get(0).body())).body("lastResponse", equalTo("answer 200"))
                .body("eventId", equalTo(got.get(0).header("webhook-id")));
    }

    @Test
    void answer410DisablesTheWebhookAuditedAndToldToTheTeamsOtherWebhooks() {
        WebhookTestSupport.Created gone = create(t.admin(), t.team(), receiver.url("/gone"), "[\"*\"]");
        WebhookTestSupport.Created other = create(t.admin(), t.team(), receiver.url("/other"), "[\"webhook.disabled\"]");
        receiver.answer(410);
        as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + gone.id() + "/ping").then().statusCode(202);
        Received told = receiver.await("/other", r -> true, 1, WAIT).get(0);
        verify(other.secret(), told);
        assertEquals("webhook.disabled", type(told));
        assertEquals(gone.id(), body(told).getJsonObject("data").getString("webhookId"));
        as(t.admin()).get("/api/v1/teams/" + t.team() + "/webhooks/" + gone.id()).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", containsString("410"));
        assertEquals(1, Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE action = 'webhook.disabled' AND resource_id = $1"
                + " AND user_id = 'system'").execute(Tuple.of(gone.id())).await().indefinitely().iterator().next().getInteger(0));
        deploy("3.0.0");
        as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + gone.id() + "/ping").then().statusCode(409);
        receiver.await("/gone", r -> true, 1, WAIT);
        sleep(1000);
        assertEquals(1, receiver.to("/gone").size(), "nothing more goes to a disabled webhook");
    }

    @Test
    void seqGrowsByOnePerProjectEnvironmentInCommitOrder() {
        create(t.admin(), t.team(), receiver.url("/hook"), "[\"*\"]");
        Fixtures.release(t.member(), t.env("production"), "1", null);
        as(t.member()).body("{\"variables\":{\"SECRET_TOKEN\":\"never-in-a-body\"}}").put(t.env("production") + "/variables").then().statusCode(200);
        as(t.admin()).body("{\"message\":\"release freeze\"}").post(t.env("production") + "/freeze").then().statusCode(200);
        as(t.admin()).delete(t.env("production") + "/freeze").then().statusCode(204);
        Fixtures.release(t.member(), t.env("staging"), "9", null);
        Fixtures.release(t.member(), t.env("production"), "2", null);
        as(t.member()).body("{\"reason\":\"bad\"}").post(t.env("production") + "/rollback").then().statusCode(200);

        List<String> production = List.of("deployment.created", "deployment.succeeded", "slot.promoted", "variables.changed",
                "environment.frozen", "environment.unfrozen", "deployment.created", "deployment.succeeded", "slot.promoted", "slot.rolled_back");
        List<Received> got = receiver.await("/hook", r -> true, production.size() + 3, WAIT);
        for (String env : List.of("production", "staging")) {
            List<Received> ofEnv = got.stream().filter(r -> env.equals(body(r).getJsonObject("data").getString("environment")))
                    .sorted(Comparator.comparing(r -> body(r).getJsonObject("data").getLong("seq"))).toList();
            for (int i = 0; i < ofEnv.size(); i++) {
                assertEquals(i + 1L, body(ofEnv.get(i)).getJsonObject("data").getLong("seq"), env + " seq without gaps or repeats");
            }
            if (env.equals("production")) {
                WebhookTestSupport.assertTypes(production, ofEnv);
                Received vars = ofEnv.get(3);
                assertEquals(List.of("SECRET_TOKEN"), body(vars).getJsonObject("data").getJsonArray("keys").getList());
                assertTrue(!vars.body().contains("never-in-a-body"), "no env value in an event");
                assertEquals(false, body(ofEnv.get(9)).getJsonObject("data").getBoolean("automatic"));
                assertEquals("1", body(ofEnv.get(9)).getJsonObject("data").getString("version"));
            } else {
                assertEquals(3, ofEnv.size());
            }
        }
    }

    @Test
    void afterARotationBothSecretsSignFor24Hours() {
        WebhookTestSupport.Created hook = create(t.admin(), t.team(), receiver.url("/hook"), "[\"webhook.ping\"]");
        String rotated = as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + hook.id() + "/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue()).extract().path("secret");
        assertTrue(rotated.startsWith("whsec_") && !rotated.equals(hook.secret()));
        as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + hook.id() + "/ping").then().statusCode(202);
        Received r = receiver.await("/hook", x -> true, 1, WAIT).get(0);
        String[] signatures = r.header("webhook-signature").split(" ");
        assertEquals(2, signatures.length, r.header("webhook-signature"));
        verify(rotated, r);
        verify(hook.secret(), r);
        // each entry is the signature of exactly one of the secrets
        Received onlyNew = new Received(r.path(), Map.of("webhook-id", List.of(r.header("webhook-id")), "webhook-timestamp",
                List.of(r.header("webhook-timestamp")), "webhook-signature", List.of(signatures[0])), r.body());
        verify(rotated, onlyNew);
        assertTrue(refused(hook.secret(), onlyNew));
    }

    @Test
    void retryAfterOf503IsHonoured() {
        create(t.admin(), t.team(), receiver.url("/hook"), "[\"webhook.ping\"]");
        String id = create(t.admin(), t.team(), receiver.url("/busy"), "[\"webhook.ping\"]").id();
        receiver.answer(503, Map.of("Retry-After", "3"));
        Instant sent = Instant.now();
        as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + id + "/ping").then().statusCode(202);
        receiver.await("/busy", r -> true, 2, WAIT);
        assertTrue(Duration.between(sent, Instant.now()).toMillis() >= 2_900, "the second attempt waited for Retry-After, not the 300 ms schedule");
    }

    @Test
    void aWebhookWhoseAttemptsAllFailedForFiveDaysIsDisabled() {
        String id = create(t.admin(), t.team(), receiver.url("/down"), "[\"webhook.ping\"]").id();
        Fixtures.pool().preparedQuery("UPDATE webhooks SET failing_since = NOW() - interval '5 days 1 hour' WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        receiver.answer(500);
        as(t.admin()).post("/api/v1/teams/" + t.team() + "/webhooks/" + id + "/ping").then().statusCode(202);
        receiver.await("/down", r -> true, 1, WAIT);
        long deadline = System.currentTimeMillis() + 5000;
        while (as(t.admin()).get("/api/v1/teams/" + t.team() + "/webhooks/" + id).then().extract().<Boolean>path("enabled")
                && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        as(t.admin()).get("/api/v1/teams/" + t.team() + "/webhooks/" + id).then().body("enabled", equalTo(false))
                .body("disabledReason", containsString("5 days"));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
