package kr.codeb.control.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SystemKeyAuthTest {

    @Test
    void missingKeyIs401WithBearerChallenge() {
        given().get("/api/v1/teams").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
    }

    @Test
    void wrongKeyIs401WithBearerChallenge() {
        given().header("Authorization", "Bearer not-a-key-at-all-but-long-enough-000000").get("/api/v1/teams")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void nonBearerSchemeIs401() {
        given().header("Authorization", "Basic " + Fixtures.SYSTEM_KEY).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void hugeKeyIs401NotAServerError() {
        given().header("Authorization", "Bearer " + "k".repeat(6000)).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void unknownApiPathWithoutKeyIs401NotRevealingRoutes() {
        given().get("/api/v1/does-not-exist").then().statusCode(401);
    }

    @Test
    void adminKeyAuthenticatesByBearer() {
        given().header("Authorization", "Bearer " + Fixtures.SYSTEM_KEY).get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void adminKeyAuthenticatesByXApiKeyHeader() {
        given().header("X-API-Key", Fixtures.SYSTEM_KEY).get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        given().header("Authorization", "bearer " + Fixtures.SYSTEM_KEY).get("/api/v1/teams").then().statusCode(200);
    }
}
