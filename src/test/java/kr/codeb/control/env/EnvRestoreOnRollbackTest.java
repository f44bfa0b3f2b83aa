package kr.codeb.control.env;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Map;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST …/rollback {reason, restoreVariables: true}}: the slot and the variables of the restored deployment, in one transaction. */
@QuarkusTest
class EnvRestoreOnRollbackTest {

    String project;
    String member;
    String base;
    String variables;

    @BeforeEach
    void setUp() {
        String team = Fixtures.newTeam();
        project = Fixtures.newProject(team);
        member = Fixtures.keyFor(team, Role.MEMBER);
        base = "/api/v1/projects/" + project + "/environments/production";
        variables = base + "/variables";
    }

    String deployAndPromote(String version) {
        String id = as(member).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\",\"port\":4100}")
                .post(base + "/deployments").then().statusCode(201).extract().path("deployment.id");
        as(member).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(member).post(base + "/promote").then().statusCode(200);
        return id;
    }

    @Test
    void rollbackWithRestoreVariablesBringsBackTheSlotAndItsVariables() {
        Map<String, String> a = Map.of("COLOR", "blue-v1", "FEATURE_X", "off");
        as(member).body(Map.of("variables", a)).put(variables).then().statusCode(200).body("version", equalTo(1));
        String v1 = deployAndPromote("1.0.0");
        as(member).get("/api/v1/deployments/" + v1).then().body("envVersion", equalTo(1));

        as(member).body("{\"set\":{\"COLOR\":\"green-v2\",\"NEW_ONLY\":\"x\"},\"unset\":[\"FEATURE_X\"]}").patch(variables).then()
                .statusCode(200).body("version", equalTo(2));
        String v2 = deployAndPromote("2.0.0");
        as(member).get("/api/v1/deployments/" + v2).then().body("envVersion", equalTo(2));

        as(member).body("{\"reason\":\"bad release\",\"restoreVariables\":true}").post(base + "/rollback").then().statusCode(200)
                .body("activeSlot", equalTo("blue")).body("blue.state", equalTo("active")).body("blue.version", equalTo("1.0.0"))
                .body("green.state", equalTo("deployed"));

        as(member).get(variables + "?reveal=true").then().statusCode(200).body("version", equalTo(3)).body("variables", equalTo(a));
        as(member).get(variables + "/diff?from=1&to=3").then().body("changed.size()", equalTo(0)).body("added.size()", equalTo(0))
                .body("removed.size()", equalTo(0));

        JsonObject params = Fixtures.pool().preparedQuery("SELECT params FROM audit_logs WHERE resource_id = $1 AND action = 'slot.rollback'")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next().getJsonObject("params");
        assertEquals(1, params.getInteger("restoredEnvVersion"));
        assertEquals(3, params.getInteger("newEnvVersion"));
        assertEquals(true, params.getBoolean("restoreVariables"));
    }

    @Test
    void rollbackWithoutRestoreLeavesTheVariablesAlone() {
        as(member).body("{\"variables\":{\"COLOR\":\"one\"}}").put(variables).then().statusCode(200);
        deployAndPromote("1");
        as(member).body("{\"variables\":{\"COLOR\":\"two\"}}").put(variables).then().statusCode(200);
        deployAndPromote("2");
        as(member).body("{\"reason\":\"slot only\"}").post(base + "/rollback").then().statusCode(200).body("activeSlot", equalTo("blue"));
        as(member).get(variables + "?reveal=true").then().body("version", equalTo(2)).body("variables.COLOR", equalTo("two"));
    }

    @Test
    void aDeploymentWithoutARecordedVersionRefusesTheWholeRollback() {
        deployAndPromote("1");
        as(member).body("{\"variables\":{\"COLOR\":\"later\"}}").put(variables).then().statusCode(200);
        deployAndPromote("2");

        as(member).body("{\"reason\":\"try\",\"restoreVariables\":true}").post(base + "/rollback").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("the deployment recorded no env-var version"));

        as(member).get(base + "/slot").then().body("activeSlot", equalTo("green")).body("blue.state", equalTo("grace"));
        as(member).get(variables).then().body("version", equalTo(1));
        as(member).body("{\"reason\":\"slot only\"}").post(base + "/rollback").then().statusCode(200).body("activeSlot", equalTo("blue"));
    }
}
