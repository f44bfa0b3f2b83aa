package kr.codeb.control.openapi;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An ordinary day of calls, covering every tag of the document, through Prism's validating proxy: every status the
 * service answers is declared, every body (requests and responses, nulls included) matches its schema. Each test
 * exercises one area and fails on any violation Prism reports for it; the last one checks that no tag went untested.
 */
@QuarkusTest
@TestProfile(ContractProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrismScenarioTest {

    private static PrismProxy prism;
    private int seen;
    private String team;
    private String admin;
    private String member;
    private String viewer;
    private String project;

    @AfterAll
    static void stopPrism() {
        if (prism != null) {
            prism.close();
        }
    }

    /** A team with keys of three roles, made over the API, and one project: where each area starts. */
    @BeforeEach
    void teamWithKeys() {
        if (prism == null) {
            // Here, not in @BeforeAll: Quarkus sets RestAssured's port to the test service's before each test.
            prism = PrismProxy.start(NodeTools.servedFile("prism-input.json"), RestAssured.port);
        }
        seen = prism.violations().size();
        String slug = "c-" + UUID.randomUUID().toString().substring(0, 8);
        team = system().body("{\"name\":\"Contract " + slug + "\",\"slug\":\"" + slug + "\",\"owner\":\"owner@" + slug + ".test\"}")
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
        admin = key("admin");
        member = key("member");
        viewer = key("viewer");
        project = "p-" + slug;
        prism.as(member).body("{\"name\":\"" + project + "\"}").post("/api/v1/projects").then().statusCode(201);
    }

    @AfterEach
    void noViolations() {
        List<String> found = prism.violations().subList(seen, prism.violations().size());
        assertEquals(List.of(), found, "Prism found the document disagreeing with the service");
    }

    @Test
    @Order(1)
    void teamsMembersAndKeys() {
        system().get("/api/v1/teams?limit=2").then().statusCode(200);
        prism.as(viewer).get("/api/v1/teams/" + team).then().statusCode(200).body("id", equalTo(team));
        prism.as(admin).body("{\"name\":\"Renamed\"}").patch("/api/v1/teams/" + team).then().statusCode(200);
        system().body("{\"name\":\"Dup\",\"slug\":\"" + slugOf(team) + "\",\"owner\":\"o@x.test\"}").post("/api/v1/teams")
                .then().statusCode(409);
        prism.as(viewer).get("/api/v1/teams/team_doesnotexist00000000000").then().statusCode(404);
        prism.as("codeb_nosuchke_admin_AAAAAAAAAAAAAAAAAAAAAAAA").get("/api/v1/teams/" + team).then().statusCode(401);

        String id = prism.as(admin).body("{\"email\":\"dev@example.com\",\"name\":\"Kim Dev\",\"role\":\"member\"}")
                .post("/api/v1/teams/" + team + "/members").then().statusCode(201).extract().path("id");
        prism.as(viewer).body("{\"email\":\"x@example.com\",\"role\":\"member\"}").post("/api/v1/teams/" + team + "/members")
                .then().statusCode(403);
        prism.as(viewer).get("/api/v1/teams/" + team + "/members").then().statusCode(200);
        prism.as(admin).body("{\"role\":\"viewer\"}").patch("/api/v1/teams/" + team + "/members/" + id).then().statusCode(200);
        prism.as(admin).delete("/api/v1/teams/" + team + "/members/" + id).then().statusCode(204);

        String keyId = prism.as(admin).body("{\"name\":\"ci\",\"role\":\"member\",\"rateLimit\":{\"requestsPerMinute\":600}}")
                .post("/api/v1/teams/" + team + "/api-keys").then().statusCode(201).body("key", notNullValue()).extract().path("id");
        prism.as(admin).get("/api/v1/teams/" + team + "/api-keys").then().statusCode(200);
        prism.as(admin).delete("/api/v1/teams/" + team + "/api-keys/" + keyId).then().statusCode(204);

        String other = system().body("{\"name\":\"Gone\",\"slug\":\"g-" + slugOf(team) + "\",\"owner\":\"o@x.test\"}")
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
        system().delete("/api/v1/teams/" + other).then().statusCode(204);
    }

    @Test
    @Order(2)
    void projectsAndDomains() {
        prism.as(viewer).get("/api/v1/projects").then().statusCode(200);
        prism.as(viewer).get("/api/v1/projects/" + project).then().statusCode(200);
        prism.as(member).body("{\"type\":\"go\",\"redisDb\":2}").patch("/api/v1/projects/" + project).then().statusCode(200);
        String upserted = project + "-two";
        prism.as(member).body("{\"type\":\"nodejs\"}").put("/api/v1/projects/" + upserted).then().statusCode(201);
        prism.as(member).body("{\"type\":\"python\"}").put("/api/v1/projects/" + upserted).then().statusCode(200);
        prism.as(member).body("{\"name\":\"" + project + "\"}").post("/api/v1/projects").then().statusCode(409);
        prism.as(admin).delete("/api/v1/projects/" + upserted).then().statusCode(204);

        String domain = project + ".codeb.kr";
        String domains = "/api/v1/projects/" + project + "/domains";
        prism.as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(201);
        prism.as(viewer).get(domains).then().statusCode(200);
        prism.as(admin).body("{\"dnsConfigured\":true}").patch(domains + "/" + domain).then().statusCode(200);
        system().get("/api/v1/domains/" + domain + "/route").then().statusCode(404);
        prism.as(admin).body("{\"domain\":\"" + domain + "\",\"type\":\"subdomain\"}").post(domains).then().statusCode(409);
        prism.as(admin).delete(domains + "/" + domain).then().statusCode(204);
    }

    @Test
    @Order(3)
    void deployReportPromoteRollbackAndFreeze() {
        String env = env("production");
        String first = deploy(env, "1.0.0", 4101);
        report(first, "{\"status\":\"running\"}");
        report(first, "{\"status\":\"success\",\"duration\":45000,\"steps\":[{\"name\":\"build\",\"ok\":true}]}");
        prism.as(member).post(env + "/promote").then().statusCode(200).body("activeSlot", equalTo("blue"));
        String second = deploy(env, "1.1.0", null);
        report(second, "{\"status\":\"success\"}");
        prism.as(member).header("If-Match", "\"1\"").post(env + "/promote").then().statusCode(412);
        prism.as(member).post(env + "/promote").then().statusCode(200).body("activeSlot", equalTo("green"));
        prism.as(member).post(env + "/promote").then().statusCode(409);
        prism.as(member).body("{\"reason\":\"errors after promote\"}").post(env + "/rollback").then().statusCode(200);
        prism.as(member).body("{\"reason\":\"again\"}").post(env + "/rollback").then().statusCode(409);

        prism.as(viewer).get(env + "/slot").then().statusCode(200);
        prism.as(viewer).get("/api/v1/projects/" + project + "/slots").then().statusCode(200);
        prism.as(viewer).get("/api/v1/slots?projects=" + project).then().statusCode(200);
        prism.as(member).body("{\"healthStatus\":\"healthy\"}").patch(env + "/slots/blue").then().statusCode(200);
        prism.as(viewer).get("/api/v1/deployments/" + second).then().statusCode(200).body("rolledBackAt", notNullValue());
        prism.as(viewer).get("/api/v1/deployments/" + first + "?waitFor=final&timeout=PT1S").then().statusCode(200);
        prism.as(viewer).get("/api/v1/deployments/dep_doesnotexist").then().statusCode(404);
        prism.as(viewer).get("/api/v1/projects/" + project + "/deployments?environment=production&limit=1").then().statusCode(200);
        prism.as(viewer).get("/api/v1/projects/" + project + "/deployments/stats").then().statusCode(200);

        prism.as(admin).body("{\"message\":\"Release freeze\"}").post(env + "/freeze").then().statusCode(200);
        prism.as(member).body("{\"version\":\"2.0.0\",\"image\":\"app:2.0.0\"}").post(env + "/deployments").then().statusCode(409);
        prism.as(member).body("{\"message\":\"mine\"}").post(env + "/freeze").then().statusCode(403);
        // A body the schema accepts and the service refuses: a validation problem with errors, not a Prism violation.
        prism.as(admin).body("{\"message\":\"late\",\"until\":\"2020-01-01T00:00:00Z\"}").post(env + "/freeze").then().statusCode(400)
                .body("errors[0].field", equalTo("until"));
        prism.as(admin).delete(env + "/freeze").then().statusCode(204);
        prism.as(viewer).body("{\"version\":\"2.0.0\",\"image\":\"app:2.0.0\"}").post(env + "/deployments").then().statusCode(403);
    }

    @Test
    @Order(4)
    void queueCancelLockAndRedeploy() {
        String env = env("staging");
        String first = deploy(env, "1.0.0", 4201);
        report(first, "{\"status\":\"success\"}");
        String holder = deploy(env, "1.1.0", null);
        String queued = prism.as(member).body("{\"version\":\"1.2.0\",\"image\":\"app:1.2.0\"}")
                .post(env + "/deployments?wait=PT5M").then().statusCode(202).body("queue.blockedBy", equalTo(holder))
                .extract().path("deployment.id");
        prism.as(member).body("{\"version\":\"1.3.0\",\"image\":\"app:1.3.0\"}").post(env + "/deployments").then().statusCode(409);
        prism.as(member).body("{\"version\":\"1.3.0\",\"image\":\"app:1.3.0\"}").post(env + "/deployments?wait=P1D")
                .then().statusCode(400);
        prism.as(viewer).get(env + "/lock").then().statusCode(200).body("held", equalTo(true));
        prism.as(member).body("{\"reason\":\"not needed\"}").post("/api/v1/deployments/" + queued + "/cancel").then().statusCode(200);
        prism.as(member).body("{\"reason\":\"again\"}").post("/api/v1/deployments/" + queued + "/cancel").then().statusCode(409);
        prism.as(admin).body("{\"reason\":\"stuck build\"}").delete(env + "/lock").then().statusCode(200);
        prism.as(admin).body("{\"reason\":\"nobody\"}").delete(env + "/lock").then().statusCode(409);
        prism.as(member).body("{\"fromDeployment\":\"" + first + "\"}").post(env + "/deployments").then().statusCode(201)
                .body("deployment.fromDeployment", equalTo(first));
    }

    @Test
    @Order(5)
    void environmentVariables() {
        String vars = env("preview") + "/variables";
        prism.as(member).body("{\"variables\":{\"LOG_LEVEL\":\"info\",\"API_URL\":\"https://api.example.com\"}}").put(vars)
                .then().statusCode(200).body("version", equalTo(1));
        prism.as(viewer).get(vars).then().statusCode(200);
        prism.as(member).get(vars + "?reveal=true").then().statusCode(200).body("variables.LOG_LEVEL", equalTo("info"));
        prism.as(member).header("If-Match", "\"7\"").body("{\"set\":{\"A\":\"1\"}}").patch(vars).then().statusCode(412);
        prism.as(member).header("If-Match", "\"1\"").body("{\"set\":{\"LOG_LEVEL\":\"debug\"},\"unset\":[\"API_URL\"]}").patch(vars)
                .then().statusCode(200);
        prism.as(member).body("{\"variables\":{\"bad-key\":\"x\"}}").put(vars).then().statusCode(400);
        prism.as(viewer).body("{\"variables\":{\"A\":\"x\"}}").put(vars).then().statusCode(403);
        prism.as(viewer).get(vars + "/diff?from=1&to=2").then().statusCode(200);
        prism.as(viewer).get(vars + "/versions").then().statusCode(200);
        prism.as(member).get(vars + "/versions/1?reveal=true").then().statusCode(200);
        prism.as(viewer).get(vars + "/versions/99").then().statusCode(404);
        prism.as(member).body("{\"version\":1}").post(vars + "/rollback").then().statusCode(200);
    }

    @Test
    @Order(6)
    void workTasksAndLocks() {
        String task = task("Add login form");
        String other = task("Refactor auth");
        prism.as(viewer).get("/api/v1/work-tasks?projectName=" + project).then().statusCode(200);
        prism.as(viewer).get("/api/v1/work-tasks/" + task).then().statusCode(200);
        prism.as(member).body("{\"status\":\"done\"}").patch("/api/v1/work-tasks/" + task).then().statusCode(409);
        prism.as(member).body("{\"status\":\"in-progress\",\"branch\":\"feature/login\"}").patch("/api/v1/work-tasks/" + task)
                .then().statusCode(200);
        prism.as(member).body("{\"note\":\"Form done\",\"author\":\"kim@example.com\"}").post("/api/v1/work-tasks/" + task + "/notes")
                .then().statusCode(200);
        String locks = "/api/v1/work-tasks/" + task + "/locks";
        prism.as(member).body("{\"filePath\":\"./src//login.ts\",\"lockType\":\"editing\"}").post(locks).then().statusCode(201);
        prism.as(member).body("{\"filePath\":\"src/login.ts\",\"lockType\":\"editing\"}").post("/api/v1/work-tasks/" + other + "/locks")
                .then().statusCode(409).body("conflicts[0].filePath", equalTo("src/login.ts"));
        prism.as(member).body("{\"filePath\":\"../etc/passwd\",\"lockType\":\"editing\"}").post(locks).then().statusCode(400);
        prism.as(viewer).get("/api/v1/projects/" + project + "/locks").then().statusCode(200);
        prism.as(viewer).body("{\"filePaths\":[\"src/login.ts\",\"README.md\"]}").post("/api/v1/projects/" + project + "/locks/check")
                .then().statusCode(200);
        prism.as(member).delete(locks + "?filePath=src/login.ts").then().statusCode(204);
        prism.as(member).delete(locks + "?filePath=src/login.ts").then().statusCode(404);
    }

    @Test
    @Order(7)
    void webhooksAndDeliveries() {
        String hooks = "/api/v1/teams/" + team + "/webhooks";
        String id = prism.as(admin).body("{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"],\"description\":\"CI\"}").post(hooks)
                .then().statusCode(201).body("secret", notNullValue()).extract().path("webhook.id");
        prism.as(admin).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"no.such\"]}").post(hooks).then().statusCode(400);
        prism.as(member).get(hooks).then().statusCode(403);
        prism.as(admin).get(hooks).then().statusCode(200);
        prism.as(admin).get(hooks + "/" + id).then().statusCode(200);
        prism.as(admin).body("{\"description\":\"CI events\"}").patch(hooks + "/" + id).then().statusCode(200);
        prism.as(admin).post(hooks + "/" + id + "/rotate-secret").then().statusCode(200);
        String delivery = prism.as(admin).post(hooks + "/" + id + "/ping").then().statusCode(202).extract().path("deliveryId");
        prism.as(admin).get(hooks + "/" + id + "/deliveries").then().statusCode(200);
        prism.as(admin).get(hooks + "/" + id + "/deliveries/" + delivery).then().statusCode(200);
        prism.as(admin).post(hooks + "/" + id + "/deliveries/" + delivery + "/redeliver").then().statusCode(202);
        prism.as(admin).delete(hooks + "/" + id).then().statusCode(204);
    }

    @Test
    @Order(8)
    void auditLogAndOperations() {
        prism.as(admin).get("/api/v1/audit-logs?limit=5&withTotal=true").then().statusCode(200).body("total", notNullValue());
        prism.as(admin).get("/api/v1/audit-logs?action=team.read&success=true").then().statusCode(200);
        prism.as(viewer).get("/api/v1/audit-logs").then().statusCode(403);
        prism.as(admin).get("/api/v1/audit-logs?since=yesterday").then().statusCode(400);
        system().body("{\"olderThanDays\":3650}").post("/api/v1/admin/audit-logs/cleanup").then().statusCode(200);
        system().get("/api/v1/admin/db/stats").then().statusCode(200);
        prism.as(admin).get("/api/v1/admin/db/stats").then().statusCode(403);
        prism.as(null).header("X-API-Key", admin).get("/api/v1/teams/" + team).then().statusCode(200);
    }

    @Test
    @Order(9)
    void promotionGatesAndTheEdge() {
        String env = env("preview");
        prism.as(viewer).get(env + "/policy").then().statusCode(200).body("requiredApprovals", equalTo(0));
        prism.as(member).body("{\"requiredApprovals\":1}").put(env + "/policy").then().statusCode(403);
        prism.as(admin).body("{\"healthCheck\":{\"path\":\"health\"}}").put(env + "/policy").then().statusCode(400)
                .body("errors[0].field", equalTo("healthCheck.path"));
        prism.as(admin).body("{\"requiredApprovals\":1,\"healthCheck\":{\"intervalSeconds\":3600}}").put(env + "/policy")
                .then().statusCode(200).body("healthCheck.path", equalTo("/health"));
        String id = deploy(env, "3.0.0", 4301);
        report(id, "{\"status\":\"success\"}");
        String promotion = prism.as(member).post(env + "/promote").then().statusCode(202).body("promotion.status", equalTo("pending"))
                .extract().path("promotion.id");
        prism.as(viewer).get("/api/v1/promotions/" + promotion).then().statusCode(200);
        prism.as(member).post("/api/v1/promotions/" + promotion + "/approve").then().statusCode(403);
        // the approval is recorded; the promote it runs is refused by the health gate, so the request stays pending
        prism.as(admin).post("/api/v1/promotions/" + promotion + "/approve").then().statusCode(200).body("lastError", notNullValue());
        prism.as(admin).body("{\"reason\":\"not healthy\"}").post("/api/v1/promotions/" + promotion + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected"));
        prism.as(viewer).get("/api/v1/promotions/prm_doesnotexist").then().statusCode(404);
        prism.as(admin).body("{}").put(env + "/policy").then().statusCode(200);
        prism.as(member).post(env + "/promote").then().statusCode(200);

        system().get("/api/v1/proxy/status").then().statusCode(200);
        system().get("/api/v1/proxy/caddy-config").then().statusCode(200);
        prism.as(admin).get("/api/v1/proxy/status").then().statusCode(403);
        prism.as(viewer).get("/proxy/ask?domain=unknown-" + project + ".codeb.kr").then().statusCode(404);
    }

    @Test
    @Order(100)
    void everyTagWasExercised() {
        Set<String> missing = new TreeSet<>(prism.documentedTags());
        missing.removeAll(prism.exercisedTags());
        assertEquals(Set.of(), missing, "tags no scenario went through");
    }

    private RequestSpecification system() {
        return prism.as(Fixtures.SYSTEM_KEY);
    }

    private String key(String role) {
        return system().body("{\"name\":\"" + role + " key\",\"role\":\"" + role + "\"}").post("/api/v1/teams/" + team + "/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    private String slugOf(String teamId) {
        return system().get("/api/v1/teams/" + teamId).then().statusCode(200).extract().path("slug");
    }

    private String env(String name) {
        return "/api/v1/projects/" + project + "/environments/" + name;
    }

    private String deploy(String env, String version, Integer port) {
        return prism.as(member).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\""
                        + (port == null ? "" : ",\"port\":" + port) + "}")
                .post(env + "/deployments").then().statusCode(201).extract().path("deployment.id");
    }

    private void report(String id, String body) {
        prism.as(member).body(body).patch("/api/v1/deployments/" + id).then().statusCode(200);
    }

    private String task(String title) {
        Object id = prism.as(member).body("{\"projectName\":\"" + project + "\",\"title\":\"" + title + "\",\"author\":\"kim@example.com\","
                        + "\"affectedFiles\":[\"src/login.ts\"],\"priority\":\"high\"}")
                .post("/api/v1/work-tasks").then().statusCode(201).extract().path("id");
        return String.valueOf(id);
    }
}
