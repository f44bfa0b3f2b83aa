package kr.codeb.control.gate;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import java.util.List;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.SlotApp;
import kr.codeb.control.support.SlotApp.Mode;
import org.junit.jupiter.api.Test;

/** Automatic rollback (SPEC §12): a promoted slot failing within the window goes back to the grace slot, as system. */
@QuarkusTest
class AutoRollbackTest {

    /** intervalSeconds × unhealthyAfter + 2 s, the bound the issue sets. */
    static final long BOUND_MS = 1_000 * 2 + 2_000;

    static String policy(int windowSeconds) {
        return "{\"healthCheck\":{\"intervalSeconds\":1,\"timeoutMs\":400,\"healthyAfter\":1,\"unhealthyAfter\":2},"
                + "\"autoRollback\":{\"windowSeconds\":" + windowSeconds + "}}";
    }

    @Test
    void aPromotedSlotThatStartsFailingWithinTheWindowIsRolledBack() {
        try (SlotApp blue = SlotApp.start("blue"); SlotApp green = SlotApp.start("green")) {
            GateFixture g = GateFixture.staging().policy(policy(300));
            g.released("1.0.0", blue.port(), "blue");
            String second = g.released("2.0.0", green.port(), "green");
            assertEquals("green", g.active());

            green.mode(Mode.FAILING);
            long failedAt = System.currentTimeMillis();
            Await.until(() -> "blue".equals(g.active()), BOUND_MS, "rolled back to blue");
            long took = System.currentTimeMillis() - failedAt;
            assertTrue(took <= BOUND_MS, "rolled back after " + took + " ms");

            as(g.tp().viewer()).get("/api/v1/deployments/" + second).then().body("rolledBackBy", equalTo("system"))
                    .body("rollbackReason", equalTo("automatic: green unhealthy"));
            List<Row> rollbacks = g.audit("slot.rollback");
            assertEquals(1, rollbacks.size());
            assertEquals("system", rollbacks.get(0).getString("role"));
            assertTrue(rollbacks.get(0).getString("params").contains("\"automatic\": true"), rollbacks.get(0).getString("params"));
            // the failing slot stays deployed and unhealthy: nothing rolls back twice
            HealthGateTest.sleep(2_000);
            assertEquals("blue", g.active());
            assertEquals(1, g.audit("slot.rollback").size());
        }
    }

    @Test
    void outsideTheWindowNothingIsRolledBack() {
        try (SlotApp blue = SlotApp.start("blue"); SlotApp green = SlotApp.start("green")) {
            GateFixture g = GateFixture.staging().policy(policy(1));
            g.released("1.0.0", blue.port(), "blue");
            g.released("2.0.0", green.port(), "green");
            HealthGateTest.sleep(1_500);
            green.mode(Mode.FAILING);
            g.awaitHealth("green", "unhealthy", BOUND_MS);
            HealthGateTest.sleep(2_000);
            assertEquals("green", g.active());
            assertEquals(0, g.audit("slot.rollback").size());
        }
    }

    @Test
    void aFrozenEnvironmentStillRollsBack() {
        try (SlotApp blue = SlotApp.start("blue"); SlotApp green = SlotApp.start("green")) {
            GateFixture g = GateFixture.staging().policy(policy(300));
            g.released("1.0.0", blue.port(), "blue");
            g.released("2.0.0", green.port(), "green");
            as(g.tp().admin()).body("{\"message\":\"release freeze\"}").post(g.env() + "/freeze").then().statusCode(200);
            green.mode(Mode.FAILING);
            Await.until(() -> "blue".equals(g.active()), BOUND_MS, "rolled back while frozen");
        }
    }

    @Test
    void withoutAnAutomaticRollbackPolicyAFailingSlotStaysActive() {
        try (SlotApp blue = SlotApp.start("blue"); SlotApp green = SlotApp.start("green")) {
            GateFixture g = GateFixture.staging().policy("{\"healthCheck\":{\"intervalSeconds\":1,\"timeoutMs\":400,\"healthyAfter\":1,"
                    + "\"unhealthyAfter\":2}}");
            g.released("1.0.0", blue.port(), "blue");
            g.released("2.0.0", green.port(), "green");
            green.mode(Mode.FAILING);
            g.awaitHealth("green", "unhealthy", BOUND_MS);
            HealthGateTest.sleep(1_500);
            assertEquals("green", g.active());
        }
    }
}
