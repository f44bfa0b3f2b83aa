package kr.codeb.control.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.FreshDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Demo data off ({@code CODEB_DEMO_DATA=false}) on an empty database: start-up makes nothing. Then two seedings at once,
 * as two dev processes starting together would run them, make one demo. Ordered: the first test needs the database as
 * start-up left it, and the second fills it.
 */
@QuarkusTest
@TestProfile(DemoDataOffTest.DemoOffOnAFreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataOffTest {

    public static class DemoOffOnAFreshDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(FreshDatabase.overrides("codeb_demo_off"));
            overrides.put("codeb.demo-data", "false");
            overrides.put("codeb.registry-dir", "target/codeb-test/registry-demo-off");
            return overrides;
        }
    }

    @Inject
    DemoData demo;

    @Test
    @Order(1)
    void startUpWithDemoDataOffCreatesNothingOnAnEmptyDatabase() {
        assertEquals(DemoData.Outcome.OFF, demo.atStart().await().atMost(Duration.ofSeconds(60)));
        assertEquals(0, count("SELECT count(*) FROM teams"));
        assertEquals(0, count("SELECT count(*) FROM projects"));
        assertEquals(0, count("SELECT count(*) FROM audit_logs WHERE user_id = 'demo-data'"));
    }

    @Test
    @Order(2)
    void twoSeedingsAtOnceMakeOneDemo() {
        List<DemoData.Outcome> outcomes = Uni.combine().all().unis(demo.seed(), demo.seed()).asTuple()
                .map(both -> List.of(both.getItem1(), both.getItem2())).await().atMost(Duration.ofSeconds(60));

        assertEquals(1, outcomes.stream().filter(o -> o == DemoData.Outcome.CREATED).count(), outcomes.toString());
        assertEquals(1, count("SELECT count(*) FROM teams"));
        assertEquals(1, count("SELECT count(*) FROM projects"));
        assertEquals(2, count("SELECT count(*) FROM deployments"));
        assertEquals(DemoDataTest.ACTIONS.size(), count("SELECT count(*) FROM audit_logs WHERE user_id = 'demo-data'"));
    }

    private static long count(String sql) {
        return Fixtures.pool().preparedQuery(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
