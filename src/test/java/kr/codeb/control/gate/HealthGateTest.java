package kr.codeb.control.gate;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.SlotApp;
import kr.codeb.control.support.SlotApp.Mode;
import org.junit.jupiter.api.Test;

/** The prober, the health gate on promote and the auto-promote that waits for healthy (SPEC §12), against real slot apps. */
@QuarkusTest
class HealthGateTest {

    static final String CHECK = "{\"healthCheck\":{\"intervalSeconds\":1,\"timeoutMs\":400,\"healthyAfter\":2,\"unhealthyAfter\":2}";

    @Test
    void anUnhealthySlotIsRefusedUntilTheProberFindsItHealthy() {
        try (SlotApp app = SlotApp.start("blue").mode(Mode.FAILING)) {
            GateFixture g = GateFixture.staging().policy(CHECK + "}");
            g.deployed("1.0.0", app.port());
            g.awaitHealth("blue", "unhealthy", 8_000);
            as(g.tp().member()).post(g.env() + "/promote").then().statusCode(409).contentType("application/problem+json")
                    .body("type", endsWith("slot-unhealthy")).body("healthStatus", equalTo("unhealthy"));
            assertFalse(g.slot().getBoolean("blue.lastCheck.ok"));
            assertEquals("HTTP 500", g.slot().getString("blue.lastCheck.detail"));
            assertNull(g.active());

            app.mode(Mode.HEALTHY);
            g.awaitHealth("blue", "healthy", 8_000);
            assertTrue(g.slot().getBoolean("blue.lastCheck.ok"));
            as(g.tp().member()).post(g.env() + "/promote").then().statusCode(200).body("activeSlot", equalTo("blue"))
                    .body("blue.state", equalTo("active"));
            assertTrue(g.audit("slot.health").stream().anyMatch(r -> "system".equals(r.getString("role"))
                    && r.getString("params").contains("\"source\": \"probe\"")), "probe-driven health changes are audited as system");
        }
    }

    @Test
    void aSlotThatDoesNotAnswerInTimeIsUnhealthy() {
        try (SlotApp app = SlotApp.start("blue").mode(Mode.HANGING)) {
            GateFixture g = GateFixture.staging().policy(CHECK + "}");
            g.deployed("1.0.0", app.port());
            g.awaitHealth("blue", "unhealthy", 8_000);
            assertEquals("no answer within 400 ms", g.slot().getString("blue.lastCheck.detail"));
        }
    }

    @Test
    void withoutAHealthCheckPromoteIsNotGated() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":0}");
        g.deployed("1.0.0", 1);
        as(g.tp().member()).post(g.env() + "/promote").then().statusCode(200);
        assertNull(g.slot().get("blue.lastCheck"));
    }

    @Test
    void autoPromoteWaitsForHealthyThenPromotesAsSystem() {
        try (SlotApp app = SlotApp.start("blue").mode(Mode.HEALTHY)) {
            GateFixture g = GateFixture.staging().policy(CHECK + ",\"autoPromote\":true}");
            String id = g.deployed("1.0.0", app.port());
            Await.until(() -> "blue".equals(g.active()), 8_000, "auto-promoted once healthy");
            as(g.tp().viewer()).get("/api/v1/deployments/" + id).then().body("promotedBy", equalTo("system"));
            assertTrue(g.audit("slot.promote").stream().anyMatch(r -> "system".equals(r.getString("role"))
                    && r.getString("params").contains("\"automatic\": true")), "the automatic promote is audited as system");
        }
    }

    @Test
    void autoPromoteThatNeverSeesHealthyLeavesTheDeploymentUnpromotedAfterTheTimeout() {
        try (SlotApp app = SlotApp.start("blue").mode(Mode.FAILING)) {
            GateFixture g = GateFixture.staging().policy(CHECK + ",\"autoPromote\":true}");
            as(g.tp().admin()).body("{\"settings\":{\"deploymentDefaults\":{\"healthCheckTimeout\":2}}}")
                    .patch("/api/v1/teams/{id}", g.tp().team()).then().statusCode(200);
            String id = g.deployed("1.0.0", app.port());
            Await.until(() -> !g.audit("deployment.promotion_blocked").isEmpty(), 8_000, "deployment.promotion_blocked");
            assertEquals(1, g.audit("deployment.promotion_blocked").size());
            // turning healthy after the timeout does not promote any more
            app.mode(Mode.HEALTHY);
            g.awaitHealth("blue", "healthy", 8_000);
            sleep(1_500);
            assertNull(g.active());
            as(g.tp().viewer()).get("/api/v1/deployments/" + id).then().body("status", equalTo("success")).body("promotedAt", equalTo(null));
        }
    }

    @Test
    void aHealthReportByPatchStillCounts() {
        GateFixture g = GateFixture.staging().policy("{\"healthCheck\":{\"intervalSeconds\":3600}}");
        g.deployed("1.0.0", 1);
        as(g.tp().member()).post(g.env() + "/promote").then().statusCode(409).body("type", endsWith("slot-unhealthy"));
        as(g.tp().member()).body("{\"healthStatus\":\"healthy\"}").patch(g.env() + "/slots/blue").then().statusCode(200);
        as(g.tp().member()).post(g.env() + "/promote").then().statusCode(200);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
