package kr.codeb.control.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProbesTest {

    @Test
    void livenessIsUpWithoutAskingTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("database schema")));
    }

    @Test
    void readinessIsUpWhenTheSchemaIsAtTheShippedVersion() {
        String applied = kr.codeb.control.support.Fixtures.pool().query("SELECT version FROM flyway_schema_history WHERE success"
                + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1").execute().await().indefinitely()
                .iterator().next().getString(0);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'mode' }.data.mode", equalTo("normal"))
                .body("checks.find { it.name == 'mode' }.data.database", equalTo("up"))
                .body("checks.find { it.name == 'mode' }.data.schema", equalTo(applied));
    }

    @Test
    void quarkusDatasourceChecksCannotOverrideReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(containsString("connections health check"))));
    }

    @Test
    void wellnessReportsTheDatabase() {
        given().get("/q/health/well").then().statusCode(200).body("checks.find { it.name == 'database' }.data.state", equalTo("up"));
    }

    @Test
    void startedIsUpAfterMigration() {
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("start-up"));
    }

    @Test
    void metricsExposeThePoolAndQueryTimings() {
        given().get("/api/v1/teams"); // any request, so that meters exist
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("codeb_db_pool_total"))
                .body(containsString("codeb_db_pool_idle"))
                .body(containsString("codeb_db_pool_waiting"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentsTheApiAndSwaggerUiIsServed() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/teams"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
