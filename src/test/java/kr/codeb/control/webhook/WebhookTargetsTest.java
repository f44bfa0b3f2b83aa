package kr.codeb.control.webhook;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.RowSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The webhook routes under the default test profile, where CODEB_WEBHOOK_ALLOW_PRIVATE is off: every refused target and
 * every invalid request is a 400 (403, 404) problem that wrote nothing. Nothing here connects anywhere: the refused
 * addresses are judged, never dialled, and names resolve from the test hosts file only.
 */
@QuarkusTest
class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.1.2.3/hook",
        "http://172.16.5.4/hook", "http://192.168.0.10/hook", "http://169.254.169.254/latest/meta-data", "http://100.100.100.200/hook",
        "http://[fd00:ec2::254]/hook", "http://0.0.0.0/hook", "http://[::ffff:127.0.0.1]/hook", "http://[64:ff9b::a00:1]/hook",
        "ftp://ci.example.com/hook", "https://user:pw@ci.example.com/hook", "https://no-such-host.invalid/hook", "not a url",
        "https:///nohost", "https://ci.example.com/a#frag"})
    void aRefusedTargetIsA400OnUrlAndWritesNothing(String url) {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        Map<String, String> before = RowSnapshot.of(t.team());
        as(t.admin()).body(Map.of("url", url, "events", List.of("*"))).post("/api/v1/teams/" + t.team() + "/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        assertEquals(List.of(), RowSnapshot.diff(before, RowSnapshot.of(t.team())));
    }

    @Test
    void aPrivateAddressNamesTheVariableThatWouldAllowIt() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        as(t.admin()).body(Map.of("url", "http://localhost:9/x", "events", List.of("*"))).post("/api/v1/teams/" + t.team() + "/webhooks")
                .then().statusCode(400).body("errors[0].message", containsString("CODEB_WEBHOOK_ALLOW_PRIVATE"))
                .body("errors[0].message", containsString("loopback"));
    }

    @Test
    void unknownEventNamesAndBadBodiesAre400() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String path = "/api/v1/teams/" + t.team() + "/webhooks";
        as(t.admin()).body("{\"url\":\"https://ci.example.com/h\",\"events\":[\"deployment.exploded\"]}").post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("events"));
        as(t.admin()).body("{\"url\":\"https://ci.example.com/h\",\"events\":[]}").post(path).then().statusCode(400);
        as(t.admin()).body("{\"url\":\"https://ci.example.com/h\"}").post(path).then().statusCode(400);
        as(t.admin()).body("{\"events\":[\"*\"]}").post(path).then().statusCode(400);
        as(t.admin()).body("{\"events\":[\"nope\"]}").patch(path + "/wh_unknown").then().statusCode(400);
        as(t.admin()).body("{}").patch(path + "/wh_unknown").then().statusCode(404);
    }

    @Test
    void everyWebhookRouteNeedsAdminAndHidesOtherTeams() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String path = "/api/v1/teams/" + t.team() + "/webhooks";
        as(t.member()).get(path).then().statusCode(403);
        as(t.viewer()).get(path).then().statusCode(403);
        as(t.admin()).get(path).then().statusCode(200).body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));
        as(Fixtures.keyFor(Fixtures.newTeam(), Role.ADMIN)).get(path).then().statusCode(404);
        as(t.admin()).get(path + "/wh_01abc").then().statusCode(404);
        as(t.admin()).post(path + "/wh_01abc/ping").then().statusCode(404);
        as(t.admin()).post(path + "/wh_01abc/rotate-secret").then().statusCode(404);
        as(t.admin()).delete(path + "/wh_01abc").then().statusCode(404);
        as(t.admin()).get(path + "/wh_01abc/deliveries").then().statusCode(404);
    }
}
