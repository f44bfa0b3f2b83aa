package kr.codeb.control.slot;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** With a 2-second grace period and a 1-second sweep, the scheduled sweep empties the grace slot by itself. */
@QuarkusTest
@TestProfile(GraceExpiryTest.ShortGrace.class)
class GraceExpiryTest {

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("codeb.grace-period", "PT2S", "codeb.grace-sweep-interval", "1s");
        }
    }

    @Test
    void graceSlotIsEmptiedWhenItsWindowEnds() throws InterruptedException {
        String team = Fixtures.newTeam();
        String project = Fixtures.newProject(team);
        String key = Fixtures.keyFor(team, Role.MEMBER);
        String base = "/api/v1/projects/" + project + "/environments/staging";
        for (String v : new String[] {"1", "2"}) {
            Fixtures.release(key, base, v, null);
        }
        as(key).get(base + "/slot").then().body("blue.state", equalTo("grace")).body("graceExpiresAt", notNullValue());

        long deadline = System.currentTimeMillis() + 15_000;
        String state = "grace";
        while (System.currentTimeMillis() < deadline && !"empty".equals(state)) {
            Thread.sleep(250);
            state = as(key).get(base + "/slot").path("blue.state");
        }
        assertEquals("empty", state, "the sweep emptied the grace slot");
        as(key).get(base + "/slot").then().body("green.state", equalTo("active")).body("graceExpiresAt", equalTo(null))
                .body("blue.version", equalTo(null));
        as(key).body("{\"reason\":\"too late\"}").post(base + "/rollback").then().statusCode(409);
    }
}
