package kr.codeb.control.worktask;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentsTasksAndDomainsTest {

    private static final Map<String, String[]> OPERATIONS = Map.of(
            "/api/v1/projects/{name}/domains", new String[] {"get", "post"},
            "/api/v1/projects/{name}/domains/{domain}", new String[] {"patch", "delete"},
            "/api/v1/domains/{domain}/route", new String[] {"get"},
            "/api/v1/work-tasks", new String[] {"get", "post"},
            "/api/v1/work-tasks/{id}", new String[] {"get", "patch"},
            "/api/v1/work-tasks/{id}/notes", new String[] {"post"},
            "/api/v1/work-tasks/{id}/locks", new String[] {"post", "delete"},
            "/api/v1/projects/{name}/locks", new String[] {"get"},
            "/api/v1/projects/{name}/locks/check", new String[] {"post"});

    @Test
    void everyEndpointHasASummaryAndDocumentedResponses() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        OPERATIONS.forEach((path, methods) -> {
            for (String method : methods) {
                Map<String, Object> op = doc.getMap("paths.'" + path + "'." + method);
                assertNotNull(op, method + " " + path);
                assertNotNull(op.get("summary"), "summary of " + method + " " + path);
                Map<?, ?> responses = (Map<?, ?>) op.get("responses");
                assertFalse(responses == null || responses.isEmpty(), "responses of " + method + " " + path);
                assertTrue(responses.keySet().stream().anyMatch(k -> k.toString().startsWith("2")), "2xx of " + method + " " + path);
            }
        });
    }
}
