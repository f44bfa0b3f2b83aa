package kr.codeb.control.common.web;

import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The {@code uri} tag of {@code http_server_requests} is a route template, never the path a caller sent: requests the
 * service refuses before any resource is matched (no key, an unknown key, a rate-limited key, an oversized request, a
 * method or media type no resource takes) would otherwise add one time series per path they invent, until the metrics'
 * cap on uri tags (100) is reached and the series of real routes are refused instead.
 */
@QuarkusTest
class HttpMetricsUriTest {

    @Test
    void requestsRefusedBeforeRoutingAreNotTaggedWithTheirPath() {
        String token = "m" + Fixtures.unique();
        String limited = Fixtures.keyFor(Fixtures.newTeam(), Role.MEMBER, 1, null);
        RestAssured.given().get("/api/v1/projects/" + token + "-a/environments/production/slot").then().statusCode(401);
        as("cb_live_not-a-key").get("/api/v1/" + token + "-b").then().statusCode(401);
        as(limited).get("/api/v1/projects/" + token + "-c").then().statusCode(404);
        as(limited).get("/api/v1/projects/" + token + "-d").then().statusCode(429);
        RestAssured.given().get("/api/v1/" + token + "-e/" + "x".repeat(9_000)).then().statusCode(414);
        RestAssured.given().header("X-Filler", "y".repeat(40_000)).get("/api/v1/" + token + "-f").then().statusCode(431);
        RestAssured.given().body("z".repeat(2 * 1024 * 1024)).post("/api/v1/" + token + "-g").then().statusCode(413);
        as(Fixtures.keyFor(Fixtures.newTeam(), Role.MEMBER)).get("/api/v1/" + token + "-h").then().statusCode(404);
        RestAssured.given().get("/" + token + "-i").then().statusCode(404);
        String member = Fixtures.keyFor(Fixtures.newTeam(), Role.MEMBER);
        as(member).delete("/api/v1/deployments/" + token + "-j").then().statusCode(405);
        as(member).contentType("text/plain").body("x").post("/api/v1/projects/" + token + "-k/environments/production/deployments").then().statusCode(415);

        List<String> tagged = uriSeries().stream().filter(l -> l.contains(token)).map(l -> l.substring(0, Math.min(l.length(), 200))).toList();
        assertEquals(List.of(), tagged);
        assertTrue(uriSeries().stream().anyMatch(l -> l.contains("status=\"401\"") && l.contains("uri=\"" + HttpMetricsUri.UNMATCHED + "\"")));
    }

    @Test
    void aSlotReadAnsweredFromMemoryIsTaggedWithTheResourcesTemplate() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String slot = w.env("production") + "/slot";
        for (int i = 0; i < 3; i++) {
            as(w.member()).get(slot).then().statusCode(200);
        }
        List<String> series = uriSeries();
        assertTrue(series.stream().noneMatch(l -> l.contains(w.project())), () -> String.join("\n", series));
        assertEquals(1, series.stream().filter(l -> l.contains("status=\"200\"")
                && l.contains("uri=\"/api/v1/projects/{name}/environments/{env}/slot\"")).count(), () -> String.join("\n", series));
    }

    private static List<String> uriSeries() {
        return RestAssured.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")).toList();
    }
}
