package kr.codeb.control.webhook;

import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import kr.codeb.control.support.WebhookReceiver;

/** What the webhook tests share: the profile that may deliver to the loopback receiver, and signature checks. */
final class WebhookTestSupport {

    /** CODEB_WEBHOOK_ALLOW_PRIVATE=true: the receiver lives on 127.0.0.1, which the default test profile refuses. */
    public static class LoopbackTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("codeb.webhook-allow-private", "true", "codeb.registry-dir", "target/codeb-test/registry-webhooks");
        }
    }

    /** A created webhook: its id and the secret the answer to POST showed. */
    record Created(String id, String secret) {
    }

    private WebhookTestSupport() {
    }

    static Created create(String adminKey, String team, String url, String events) {
        JsonObject answer = new JsonObject(as(adminKey).body("{\"url\":\"" + url + "\",\"events\":" + events + "}")
                .post("/api/v1/teams/" + team + "/webhooks").then().statusCode(201).extract().asString());
        return new Created(answer.getJsonObject("webhook").getString("id"), answer.getString("secret"));
    }

    /** Verifies {@code r} with the Standard Webhooks library under {@code secret}; fails the test when it does not verify. */
    static void verify(String secret, WebhookReceiver.Received r) {
        try {
            new Webhook(secret).verify(r.body(), r.headers());
        } catch (WebhookVerificationException e) {
            fail("signature does not verify under the secret: " + e.getMessage() + " headers " + r.headers());
        }
    }

    /** Whether {@code r} does not verify under {@code secret}. */
    static boolean refused(String secret, WebhookReceiver.Received r) {
        try {
            new Webhook(secret).verify(r.body(), r.headers());
            return false;
        } catch (WebhookVerificationException e) {
            return true;
        }
    }

    static JsonObject body(WebhookReceiver.Received r) {
        return new JsonObject(r.body());
    }

    static String type(WebhookReceiver.Received r) {
        return body(r).getString("type");
    }

    static void assertTypes(List<String> expected, List<WebhookReceiver.Received> got) {
        assertEquals(expected, got.stream().map(WebhookTestSupport::type).toList());
    }
}
