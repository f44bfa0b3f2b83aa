package kr.codeb.control.webhook;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.webhook.WebhookTestSupport.body;
import static kr.codeb.control.webhook.WebhookTestSupport.create;
import static kr.codeb.control.webhook.WebhookTestSupport.type;
import static kr.codeb.control.webhook.WebhookTestSupport.verify;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import kr.codeb.control.slot.GraceSweep;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.WebhookReceiver;
import kr.codeb.control.support.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack and Discord bodies, the delivery log and redelivery, events of the sweeps, and where secrets never appear. */
@QuarkusTest
@TestProfile(WebhookTestSupport.LoopbackTargets.class)
class WebhookLogAndNotificationsTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    GraceSweep graceSweep;

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

    @Test
    void slackAndDiscordGetOneReadableLinePerDeploymentAndSlotEvent() {
        as(t.admin()).body(new JsonObject().put("settings", new JsonObject().put("notifications", new JsonObject()
                .put("slack", receiver.url("/slack")).put("discord", receiver.url("/discord")))).encode())
                .patch("/api/v1/teams/" + t.team()).then().statusCode(200);
        Fixtures.release(t.member(), t.env("production"), "2", null);
        as(t.member()).body("{\"variables\":{\"DB_PASSWORD\":\"hunter2\"}}").put(t.env("production") + "/variables").then().statusCode(200);

        List<String> lines = receiver.await("/slack", r -> true, 3, WAIT).stream().map(r -> body(r).getString("text")).sorted().toList();
        String p = t.project() + " production: ";
        assertEquals(List.of(p + "v2 deployed (blue)", p + "v2 deploying (blue) by test member key", p + "v2 promoted (blue) by test member key"),
                lines);
        List<Received> discord = receiver.await("/discord", r -> true, 3, WAIT);
        assertTrue(discord.stream().map(r -> body(r).getString("content")).anyMatch((p + "v2 promoted (blue) by test member key")::equals));
        discord.forEach(r -> assertEquals(0, body(r).getJsonObject("allowed_mentions").getJsonArray("parse").size()));
        sleep(1000);
        // env changes are not a deployment, slot or promotion event; nothing of them reaches a chat
        assertEquals(3, receiver.to("/slack").size());
        receiver.all().forEach(r -> {
            assertFalse(r.body().contains("hunter2"));
            assertNull(r.header("webhook-signature"), "notifications are not signed");
        });
    }

    @Test
    void theDeliveryLogFiltersShowsOneDeliveryAndRedeliversWithTheSameWebhookId() {
        WebhookTestSupport.Created hook = create(t.admin(), t.team(), receiver.url("/hook"), "[\"*\"]");
        String base = "/api/v1/teams/" + t.team() + "/webhooks/" + hook.id();
        receiver.answer(500, 500, 500, 500);
        as(t.admin()).post(base + "/ping").then().statusCode(202);
        receiver.await("/hook", r -> true, 4, WAIT);
        as(t.member()).body("{\"version\":\"1\",\"image\":\"app:1\"}").post(t.env("staging") + "/deployments").then().statusCode(201);
        receiver.await("/hook", r -> "deployment.created".equals(type(r)), 1, WAIT);
        awaitStatus(base + "/deliveries?status=failed", 1);

        as(t.admin()).get(base + "/deliveries?status=failed").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].event", equalTo("webhook.ping")).body("items[0].attempts", equalTo(4))
                .body("items[0].lastStatusCode", equalTo(500)).body("items[0].nextAttemptAt", equalTo(null));
        as(t.admin()).get(base + "/deliveries?event=deployment.created").then().statusCode(200).body("items", hasSize(1))
                .body("items.status", everyItem(equalTo("delivered")));
        as(t.admin()).get(base + "/deliveries?limit=1").then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        as(t.admin()).get(base + "/deliveries?status=lost").then().statusCode(400);
        as(t.admin()).get(base + "/deliveries?event=nope").then().statusCode(400);
        String failed = as(t.admin()).get(base + "/deliveries?status=failed").then().extract().path("items[0].id");
        String pingId = receiver.to("/hook").get(0).header("webhook-id");

        as(t.admin()).post(base + "/deliveries/" + failed + "/redeliver").then().statusCode(202);
        Received again = receiver.await("/hook", r -> pingId.equals(r.header("webhook-id")), 5, WAIT).get(4);
        verify(hook.secret(), again);
        awaitStatus(base + "/deliveries?status=delivered&event=webhook.ping", 1);
        as(t.admin()).get(base + "/deliveries/" + failed).then().statusCode(200).body("attempts", equalTo(5))
                .body("status", equalTo("delivered")).body("requestBody", equalTo(again.body()));
        as(t.admin()).post(base + "/deliveries/whd_nope/redeliver").then().statusCode(404);
        as(t.viewer()).get(base + "/deliveries").then().statusCode(403);
        as(Fixtures.keyFor(Fixtures.newTeam(), kr.codeb.control.auth.Role.ADMIN)).get(base + "/deliveries").then().statusCode(404);
    }

    @Test
    void theGraceSweepEmitsGraceExpired() {
        create(t.admin(), t.team(), receiver.url("/hook"), "[\"slot.grace_expired\"]");
        Fixtures.release(t.member(), t.env("production"), "1", null);
        Fixtures.release(t.member(), t.env("production"), "2", null);
        Fixtures.pool().preparedQuery("UPDATE project_slots SET grace_expires_at = NOW() - interval '1 minute' WHERE project_name = $1")
                .execute(Tuple.of(t.project())).await().indefinitely();
        graceSweep.expireGrace().await().atMost(Duration.ofSeconds(10));
        Received r = receiver.await("/hook", x -> true, 1, WAIT).get(0);
        assertEquals("slot.grace_expired", type(r));
        assertEquals("system", body(r).getJsonObject("data").getString("actor"));
        assertEquals("1", body(r).getJsonObject("data").getString("version"));
        assertEquals("blue", body(r).getJsonObject("data").getString("slot"));
    }

    @Test
    void secretsAppearInTheCreateAndRotateAnswersOnlyNeverInListsTheAuditLogOrLogs() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            WebhookTestSupport.Created hook = create(t.admin(), t.team(), receiver.url("/hook"), "[\"webhook.ping\"]");
            String base = "/api/v1/teams/" + t.team() + "/webhooks/" + hook.id();
            String rotated = as(t.admin()).post(base + "/rotate-secret").then().statusCode(200).extract().path("secret");
            receiver.answer(500);
            as(t.admin()).post(base + "/ping").then().statusCode(202);
            receiver.await("/hook", r -> true, 2, WAIT);
            List<String> answers = List.of(as(t.admin()).get("/api/v1/teams/" + t.team() + "/webhooks").asString(),
                    as(t.admin()).get(base).asString(), as(t.admin()).get(base + "/deliveries").asString(),
                    as(t.admin()).body("{\"description\":\"ci\"}").patch(base).asString());
            List<String> audit = Fixtures.pool().preparedQuery("SELECT COALESCE(params::text, '') || ' ' || COALESCE(error, '') FROM audit_logs"
                            + " WHERE team_id = $1").execute(Tuple.of(t.team())).await().indefinitely().stream().map((Row row) -> row.getString(0)).toList();
            String stored = Fixtures.pool().preparedQuery("SELECT secret || ' ' || previous_secret FROM webhooks WHERE id = $1")
                    .execute(Tuple.of(hook.id())).await().indefinitely().iterator().next().getString(0);
            for (String secret : List.of(hook.secret(), rotated, hook.secret().substring(6), rotated.substring(6))) {
                answers.forEach(a -> assertFalse(a.contains(secret), "a secret in an answer: " + a));
                audit.forEach(a -> assertFalse(a.contains(secret), "a secret in the audit log: " + a));
                synchronized (logged) {
                    logged.forEach(l -> assertFalse(l.contains(secret), "a secret in the log: " + l));
                }
                assertFalse(stored.contains(secret), "stored in the clear");
            }
            assertTrue(audit.stream().anyMatch(a -> a.contains("https") || a.contains("http")), "the create was audited with its url");
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    private void awaitStatus(String path, int count) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            List<?> items = as(t.admin()).get(path).then().extract().path("items");
            if (items != null && items.size() >= count) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("no " + count + " item(s) at " + path);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
