package kr.codeb.control.common;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemJsonTest {

    static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status)).body("type", startsWith("urn:codeb:problem:"))
                .body("title", org.hamcrest.Matchers.notNullValue()).body("detail", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unknownRouteOutsideTheApiIsAProblem() {
        problem(given().get("/no/such/page").then(), 404);
    }

    @Test
    void unknownRouteInsideTheApiIsAProblemOnceAuthenticated() {
        problem(asSystem().get("/api/v1/no-such-thing").then(), 404);
    }

    @Test
    void bodyOverOneMebibyteIsRejectedWith413() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        problem(asSystem().body(big).post("/api/v1/teams").then(), 413);
    }

    @Test
    void wrongContentTypeIsRejectedWith415() {
        problem(asSystem().contentType("text/plain").body("name=x").post("/api/v1/teams").then(), 415);
    }

    @Test
    void malformedJsonIsRejectedWith400() {
        problem(asSystem().body("{\"name\": ").post("/api/v1/teams").then(), 400);
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        problem(asSystem().body("{\"name\": \"n\", \"slug\": \"s\", \"owner\": \"o@x.io\", \"settings\": 5}").post("/api/v1/teams").then(), 400)
                .body("errors[0].field", equalTo("settings"));
    }

    @Test
    void unsupportedMethodIsRejectedWith405() {
        problem(asSystem().body("{}").put("/api/v1/teams").then(), 405);
    }
}
