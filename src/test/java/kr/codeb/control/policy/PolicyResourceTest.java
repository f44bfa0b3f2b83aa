package kr.codeb.control.policy;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code GET|PUT …/policy} (SPEC §12): defaults, validation, roles, audit. */
@QuarkusTest
class PolicyResourceTest {

    @Test
    void anEnvironmentWithoutAPolicyHasTheDefaults() {
        TeamProject tp = Fixtures.teamWithProject();
        as(tp.viewer()).get(tp.env("production") + "/policy").then().statusCode(200)
                .body("healthCheck", nullValue()).body("autoPromote", nullValue()).body("autoRollback", nullValue())
                .body("requiredApprovals", equalTo(0)).body("preventSelfApproval", equalTo(true)).body("updatedAt", nullValue());
    }

    @Test
    void aPutReplacesThePolicyAndFillsWhatItLeavesOut() {
        TeamProject tp = Fixtures.teamWithProject();
        as(tp.admin()).body("{\"healthCheck\":{\"path\":\"/ready\"},\"autoRollback\":{\"windowSeconds\":600},\"requiredApprovals\":2}")
                .put(tp.env("production") + "/policy").then().statusCode(200)
                .body("healthCheck.path", equalTo("/ready")).body("healthCheck.intervalSeconds", equalTo(5))
                .body("healthCheck.timeoutMs", equalTo(2000)).body("healthCheck.healthyAfter", equalTo(2))
                .body("healthCheck.unhealthyAfter", equalTo(2)).body("autoRollback.windowSeconds", equalTo(600))
                .body("requiredApprovals", equalTo(2)).body("updatedBy", notNullValue());
        // a field left out of the next PUT takes its default again
        as(tp.admin()).body("{\"autoPromote\":false}").put(tp.env("production") + "/policy").then().statusCode(200)
                .body("healthCheck", nullValue()).body("autoPromote", equalTo(false)).body("requiredApprovals", equalTo(0));
        as(tp.viewer()).get(tp.env("production") + "/policy").then().body("autoPromote", equalTo(false));
        // other environments keep theirs
        as(tp.viewer()).get(tp.env("staging") + "/policy").then().body("autoPromote", nullValue());
        long audited = Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE action = 'policy.update' AND team_id = $1"
                + " AND success").execute(Tuple.of(tp.team())).await().indefinitely().iterator().next().getLong(0);
        Assertions.assertEquals(2, audited);
    }

    @Test
    void invalidFieldsAreNamedAndChangeNothing() {
        TeamProject tp = Fixtures.teamWithProject();
        as(tp.admin()).body("{\"healthCheck\":{\"path\":\"health\",\"intervalSeconds\":0,\"timeoutMs\":10},\"requiredApprovals\":6,"
                        + "\"autoRollback\":{}}")
                .put(tp.env("production") + "/policy").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("healthCheck.path", "healthCheck.intervalSeconds", "healthCheck.timeoutMs",
                        "requiredApprovals", "autoRollback.windowSeconds"));
        as(tp.admin()).body("{\"requiredApprovals\":\"two\"}").put(tp.env("production") + "/policy").then().statusCode(400);
        as(tp.admin()).body("[]").put(tp.env("production") + "/policy").then().statusCode(400);
        as(tp.viewer()).get(tp.env("production") + "/policy").then().body("requiredApprovals", equalTo(0)).body("updatedAt", nullValue());
    }

    @Test
    void onlyAnAdminChangesItAndAnotherTeamDoesNotSeeIt() {
        TeamProject tp = Fixtures.teamWithProject();
        as(tp.member()).body("{\"requiredApprovals\":1}").put(tp.env("production") + "/policy").then().statusCode(403);
        TeamProject other = Fixtures.teamWithProject();
        as(other.admin()).body("{\"requiredApprovals\":1}").put(tp.env("production") + "/policy").then().statusCode(404);
        as(other.viewer()).get(tp.env("production") + "/policy").then().statusCode(404);
        as(tp.viewer()).get("/api/v1/projects/" + tp.project() + "/environments/qa/policy").then().statusCode(404);
    }
}
