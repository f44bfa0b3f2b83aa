package kr.codeb.control.gate;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Promotion requests, approvals and the two-person rule (SPEC §12). */
@QuarkusTest
class ApprovalsTest {

    @Test
    void twoDistinctApproversOtherThanTheRequesterPromote() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":2}");
        String dep = g.deployed("1.0.0", 4100);
        String id = as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202)
                .body("promotion.status", equalTo("pending")).body("promotion.required", equalTo(2))
                .body("promotion.approvals", hasSize(0)).body("promotion.deploymentId", equalTo(dep))
                .extract().path("promotion.id");
        // asking again answers the open request
        as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).body("promotion.id", equalTo(id));

        as(g.tp().member()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(403);
        as(g.tp().viewer()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(403);
        as(Fixtures.teamWithProject().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(404);
        as(Fixtures.teamWithProject().viewer()).get("/api/v1/promotions/" + id).then().statusCode(404);

        String first = Fixtures.keyFor(g.tp().team(), Role.MEMBER);
        as(first).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("pending")).body("approvals", hasSize(1));
        // the same approver counts once
        as(first).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200).body("approvals", hasSize(1));
        assertEquals(null, g.active());

        as(g.tp().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("approved")).body("approvals", hasSize(2)).body("decidedAt", notNullValue());
        assertEquals("blue", g.active());
        as(g.tp().viewer()).get("/api/v1/promotions/" + id).then().statusCode(200).body("status", equalTo("approved"));
        as(first).post("/api/v1/promotions/" + id + "/approve").then().statusCode(409);
        assertEquals(1, g.audit("slot.promote").size());
    }

    @Test
    void aRejectClosesTheRequest() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":1}");
        g.deployed("1.0.0", 4100);
        String id = as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).extract().path("promotion.id");
        as(g.tp().viewer()).body("{\"reason\":\"no\"}").post("/api/v1/promotions/" + id + "/reject").then().statusCode(403);
        as(g.tp().admin()).body("{\"reason\":\"error budget spent\"}").post("/api/v1/promotions/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected")).body("reason", equalTo("error budget spent"));
        as(g.tp().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(409);
        assertEquals(null, g.active());
        // a new promote opens a new request
        as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).body("promotion.status", equalTo("pending"));
    }

    @Test
    void aNewerDeploySupersedesTheOpenRequest() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":1}");
        g.deployed("1.0.0", 4100);
        String id = as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).extract().path("promotion.id");
        g.deployed("1.0.1", 4101);
        as(g.tp().viewer()).get("/api/v1/promotions/" + id).then().statusCode(200).body("status", equalTo("superseded"));
        as(g.tp().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void anApprovalWhosePromoteIsRefusedLeavesTheRequestPendingWithTheReason() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":1}");
        g.deployed("1.0.0", 4100);
        String id = as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).extract().path("promotion.id");
        as(g.tp().admin()).body("{\"message\":\"freeze\"}").post(g.env() + "/freeze").then().statusCode(200);
        as(g.tp().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("pending")).body("lastError", org.hamcrest.Matchers.containsString("frozen"));
        as(g.tp().admin()).delete(g.env() + "/freeze").then().statusCode(204);
        // the approval stands (counted once); approving again retries the promote, now allowed
        as(g.tp().admin()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200).body("status", equalTo("approved"))
                .body("approvals", hasSize(1)).body("lastError", equalTo(null));
        assertEquals("blue", g.active());
    }

    @Test
    void withSelfApprovalAllowedTheRequesterMayApprove() {
        GateFixture g = GateFixture.staging().policy("{\"requiredApprovals\":1,\"preventSelfApproval\":false}");
        g.deployed("1.0.0", 4100);
        String id = as(g.tp().member()).post(g.env() + "/promote").then().statusCode(202).extract().path("promotion.id");
        as(g.tp().member()).post("/api/v1/promotions/" + id + "/approve").then().statusCode(200).body("status", equalTo("approved"));
    }
}
