package kr.codeb.control.project;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Locale;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: a project name in a path is normalised on every route that takes one ({@code P_AB12} is {@code p-ab12}), in
 * every feature that serves such routes. One test per route family, each addressing the project by its unnormalised name.
 */
@QuarkusTest
class ProjectNameInPathTest {

    String project;
    String raw;
    String member;
    String admin;

    @BeforeEach
    void setUp() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        project = t.project();
        raw = project.toUpperCase(Locale.ROOT).replace('-', '_');
        member = t.member();
        admin = t.admin();
    }

    private String path(String rest) {
        return "/api/v1/projects/" + raw + rest;
    }

    @Test
    void projectRoutes() {
        as(member).get(path("")).then().statusCode(200).body("name", equalTo(project));
        as(member).body("{\"type\":\"go\"}").patch(path("")).then().statusCode(200).body("type", equalTo("go"));
    }

    @Test
    void slotRoutes() {
        as(member).get(path("/slots")).then().statusCode(200).body("[0].projectName", equalTo(project));
        as(member).get(path("/environments/production/slot")).then().statusCode(200).body("projectName", equalTo(project));
        as(admin).body("{\"message\":\"hold\"}").post(path("/environments/staging/freeze")).then().statusCode(200);
        as(admin).delete(path("/environments/staging/freeze")).then().statusCode(204);
    }

    @Test
    void deploymentRoutes() {
        String id = as(member).body("{\"version\":\"1\",\"image\":\"app:1\",\"port\":4100}").post(path("/environments/production/deployments"))
                .then().statusCode(201).body("deployment.projectName", equalTo(project)).extract().path("deployment.id");
        as(member).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(member).post(path("/environments/production/promote")).then().statusCode(200).body("activeSlot", equalTo("blue"));
        as(member).get(path("/deployments")).then().statusCode(200).body("items[0].id", equalTo(id));
        as(member).get(path("/deployments/stats")).then().statusCode(200).body("production.total", equalTo(1));
        as(member).body("{\"healthStatus\":\"healthy\"}").patch(path("/environments/production/slots/blue")).then().statusCode(200);
        as(member).body("{\"reason\":\"none to go to\"}").post(path("/environments/production/rollback")).then().statusCode(409);
    }

    @Test
    void variableRoutes() {
        as(member).body("{\"variables\":{\"A\":\"1\"}}").put(path("/environments/production/variables")).then().statusCode(200);
        as(member).get(path("/environments/production/variables")).then().statusCode(200).body("version", equalTo(1));
        as(member).get(path("/environments/production/variables/versions")).then().statusCode(200).body("items[0].version", equalTo(1));
        as(member).get(path("/environments/production/variables/diff?from=0&to=1")).then().statusCode(200);
    }

    @Test
    void domainRoutes() {
        String domain = project + ".codeb.kr";
        as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}").post(path("/domains")).then().statusCode(201)
                .body("projectName", equalTo(project));
        as(member).get(path("/domains")).then().statusCode(200).body("items[0].domain", equalTo(domain));
        as(admin).delete(path("/domains/" + domain)).then().statusCode(204);
    }

    @Test
    void lockRoutes() {
        as(member).get(path("/locks")).then().statusCode(200);
        as(member).body("{\"filePaths\":[\"src/a.ts\"]}").post(path("/locks/check")).then().statusCode(200);
        as(member).body("{\"projectName\":\"" + raw + "\",\"title\":\"t\",\"author\":\"a\"}").post("/api/v1/work-tasks").then()
                .statusCode(201).body("projectName", equalTo(project));
    }
}
