package kr.codeb.control.deployment;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fromDeployment}: bring back any earlier successful release, past the grace window, with or without its variables. */
@QuarkusTest
class RedeployTest {

    TeamProject tp;
    String env;
    String variables;

    @BeforeEach
    void setUp() {
        tp = Fixtures.teamWithProject();
        env = tp.env("production");
        variables = env + "/variables";
    }

    String release(String version, int port) {
        return Fixtures.release(tp.member(), env, version, port);
    }

    @Test
    void aReleaseOlderThanTheGraceWindowComesBackWithItsVersionImageAndPort() {
        as(tp.member()).body(Map.of("variables", Map.of("COLOR", "one"))).put(variables).then().statusCode(200);
        String v1 = release("1.0.0", 4101);
        as(tp.member()).body(Map.of("variables", Map.of("COLOR", "two"))).put(variables).then().statusCode(200);
        release("2.0.0", 4102);
        release("3.0.0", 4103); // 1.0.0 is now outside any rollback: grace holds 2.0.0
        as(tp.member()).body("{\"fromDeployment\":\"" + v1 + "\"}").post(env + "/deployments").then().statusCode(201)
                .body("deployment.version", equalTo("1.0.0")).body("deployment.image", equalTo("app:1.0.0"))
                .body("deployment.port", equalTo(4101)).body("deployment.fromDeployment", equalTo(v1))
                .body("slot.green.version", equalTo("1.0.0")).body("slot.green.port", equalTo(4101));
        as(tp.member()).get(variables + "?reveal=true").then().body("variables.COLOR", equalTo("two"));
    }

    @Test
    void restoreVariablesBringsBackTheVariablesThatReleaseRecorded() {
        as(tp.member()).body(Map.of("variables", Map.of("COLOR", "one", "ONLY_V1", "x"))).put(variables).then().statusCode(200);
        String v1 = release("1.0.0", 4101);
        as(tp.member()).body(Map.of("variables", Map.of("COLOR", "two"))).put(variables).then().statusCode(200);
        release("2.0.0", 4102);
        String id = as(tp.member()).body("{\"fromDeployment\":\"" + v1 + "\",\"restoreVariables\":true}").post(env + "/deployments")
                .then().statusCode(201).extract().path("deployment.id");
        as(tp.member()).get(variables + "?reveal=true").then().body("version", equalTo(3))
                .body("variables", equalTo(Map.of("COLOR", "one", "ONLY_V1", "x")));
        as(tp.viewer()).get("/api/v1/deployments/" + id).then().body("envVersion", equalTo(3));
    }

    @Test
    void aFailedOrForeignDeploymentIsRefused() {
        String failed = as(tp.member()).body("{\"version\":\"bad\",\"image\":\"app:bad\"}").post(env + "/deployments").then()
                .statusCode(201).extract().path("deployment.id");
        as(tp.member()).body("{\"status\":\"failed\"}").patch("/api/v1/deployments/" + failed).then().statusCode(200);
        as(tp.member()).body("{\"fromDeployment\":\"" + failed + "\"}").post(env + "/deployments").then().statusCode(409);

        TeamProject other = Fixtures.teamWithProject();
        String theirs = Fixtures.release(other.member(), other.env("production"), "9", 4109);
        as(tp.member()).body("{\"fromDeployment\":\"" + theirs + "\"}").post(env + "/deployments").then().statusCode(404);
        String staging = Fixtures.release(tp.member(), tp.env("staging"), "s1", 4200);
        as(tp.member()).body("{\"fromDeployment\":\"" + staging + "\"}").post(env + "/deployments").then().statusCode(409);
        as(tp.member()).body("{\"fromDeployment\":\"dep_nope\"}").post(env + "/deployments").then().statusCode(404);
    }

    @Test
    void aRedeployNamesNoBuildOfItsOwn() {
        String v1 = release("1", 4101);
        as(tp.member()).body("{\"fromDeployment\":\"" + v1 + "\",\"version\":\"2\"}").post(env + "/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
        as(tp.member()).body("{\"image\":\"x\"}").post(env + "/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
        as(tp.member()).body("{\"version\":\"2\",\"image\":\"x\",\"restoreVariables\":true}").post(env + "/deployments").then()
                .statusCode(400).body("errors[0].field", equalTo("restoreVariables"));
    }
}
