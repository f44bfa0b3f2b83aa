package kr.codeb.control.demo;

import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.FreshDatabase;
import kr.codeb.control.support.RowSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first start on an empty database with demo data on, as a dev start is: the demo project exists with a real history,
 * made and audited through the services; another run adds nothing.
 */
@QuarkusTest
@TestProfile(DemoDataTest.DemoOnAFreshDatabase.class)
class DemoDataTest {

    /** Demo data on (the test profile's default is off), on a database of its own that no other test class has filled. */
    public static class DemoOnAFreshDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(FreshDatabase.overrides("codeb_demo_on"));
            overrides.put("codeb.demo-data", "true");
            overrides.put("codeb.registry-dir", "target/codeb-test/registry-demo-on");
            return overrides;
        }
    }

    static final String PRODUCTION = "/api/v1/projects/demo-app/environments/production";

    /** The 11 changes of the demo, in order: each one audited by the service's own demo-data caller. */
    static final List<String> ACTIONS = List.of("team.create", "project.create", "domain.create", "env.write",
            "deployment.create", "deployment.update_status", "slot.promote", "env.write",
            "deployment.create", "deployment.update_status", "slot.promote");

    @Inject
    DemoData demo;

    @BeforeEach
    void startUpMadeTheDemo() {
        // start-up does not wait for it; the tests do
        assertEquals(DemoData.Outcome.CREATED, demo.atStart().await().atMost(Duration.ofSeconds(60)));
    }

    @Test
    void productionHasV2ActiveAndV1InGrace() {
        asSystem().get(PRODUCTION + "/slot").then().statusCode(200)
                .body("activeSlot", equalTo("green"))
                .body("green.state", equalTo("active")).body("green.version", equalTo("v2")).body("green.port", equalTo(4102))
                .body("blue.state", equalTo("grace")).body("blue.version", equalTo("v1"))
                .body("graceExpiresAt", notNullValue());
    }

    @Test
    void bothDeploymentsSucceededAndV2WasPromotedOverV1() {
        asSystem().get("/api/v1/projects/demo-app/deployments?environment=production").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.version", contains("v2", "v1"))
                .body("items.status", contains("success", "success"))
                .body("items.envVersion", contains(2, 1))
                .body("items.deployedBy", contains("demo-data", "demo-data"))
                .body("items[0].promotedAt", notNullValue()).body("items[0].promotedBy", equalTo("demo-data"))
                .body("items[1].promotedAt", notNullValue());
    }

    @Test
    void variablesHaveTwoVersionsTheSecondSwitchingFeatureXOn() {
        asSystem().get(PRODUCTION + "/variables?reveal=true").then().statusCode(200)
                .body("version", equalTo(2)).body("variables.LOG_LEVEL", equalTo("info")).body("variables.FEATURE_X", equalTo("on"));
        asSystem().get(PRODUCTION + "/variables/versions").then().statusCode(200).body("items.version", contains(2, 1));
        asSystem().get(PRODUCTION + "/variables/diff?from=1&to=2").then().statusCode(200).body("changed", contains("FEATURE_X"));
    }

    @Test
    void theDomainIsASubdomainOfTheFirstBaseDomainRoutedToTheActiveSlot() {
        asSystem().get("/api/v1/projects/demo-app/domains").then().statusCode(200)
                .body("items.domain", contains("demo-app.codeb.kr")).body("items[0].type", equalTo("subdomain"))
                .body("items[0].environment", equalTo("production"));
        asSystem().get("/api/v1/domains/demo-app.codeb.kr/route").then().statusCode(200)
                .body("activeSlot", equalTo("green")).body("port", equalTo(4102));
    }

    @Test
    void everyChangeIsAuditedAsTheDemoDataCallerOfTheDemoTeam() {
        List<Row> rows = demoAuditRows();
        List<String> actions = new ArrayList<>();
        rows.forEach(r -> actions.add(r.getString("action")));
        assertEquals(ACTIONS, actions);
        String team = demoTeam();
        for (Row r : rows) {
            assertTrue(r.getBoolean("success"), r.toJson().encode());
            assertEquals("system", r.getString("role"), r.toJson().encode());
            assertEquals(team, r.getString("team_id"), r.toJson().encode());
            String params = String.valueOf(r.getValue("params"));
            assertFalse(params.contains("\"on\"") || params.contains("\"info\""), "no env value in the audit log: " + params);
        }
    }

    @Test
    void aSecondRunAddsNothing() {
        String team = demoTeam();
        Map<String, String> before = RowSnapshot.of(team);
        int auditRows = demoAuditRows().size();

        assertEquals(DemoData.Outcome.ALREADY_THERE, demo.seed().await().atMost(Duration.ofSeconds(30)));

        assertEquals(List.of(), RowSnapshot.diff(before, RowSnapshot.of(team)));
        assertEquals(auditRows, demoAuditRows().size());
        assertEquals("1", before.get("rows of teams"), "the demo team is the database's only team");
    }

    static String demoTeam() {
        return Fixtures.pool().preparedQuery("SELECT id FROM teams WHERE slug = 'demo'").execute().await().indefinitely()
                .iterator().next().getString("id");
    }

    static List<Row> demoAuditRows() {
        List<Row> rows = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT action, role, success, team_id, params FROM audit_logs WHERE user_id = $1"
                + " ORDER BY timestamp, id").execute(Tuple.of("demo-data")).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
