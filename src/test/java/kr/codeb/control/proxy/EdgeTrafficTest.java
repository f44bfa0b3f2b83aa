package kr.codeb.control.proxy;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kr.codeb.control.slot.GraceSweep;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.CaddyProcess;
import kr.codeb.control.support.EdgeClient;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.SlotApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Traffic through the real Caddy follows the slots: promote, rollback, grace expiry, a steady loop over ten switches (SPEC §9). */
@QuarkusTest
@TestProfile(CaddyEdgeProfile.class)
class EdgeTrafficTest {

    private static CaddyProcess caddy;
    private static SlotApp blue;
    private static SlotApp green;
    private static final EdgeClient CLIENT = new EdgeClient(CaddyEdgeProfile.HTTP_PORT);

    @BeforeAll
    static void start() {
        blue = SlotApp.start("blue");
        green = SlotApp.start("green");
        caddy = new CaddyProcess(CaddyEdgeProfile.ADMIN_PORT, "traffic").start(Edge.baseConfig());
    }

    @AfterAll
    static void stop() {
        if (caddy != null) {
            caddy.stop();
        }
        blue.close();
        green.close();
    }

    /** A project of a fresh team with one production domain, v1 released on blue and reachable through Caddy. */
    private record Released(Fixtures.TeamProject t, String env, String domain) {
    }

    private static Released releasedOnBlue() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        Fixtures.release(t.member(), t.env("production"), "1", blue.port());
        assertTrue(Edge.msUntil(CLIENT, domain, Edge.BLUE, 3000) >= 0, "v1 reachable on blue through Caddy");
        return new Released(t, t.env("production"), domain);
    }

    @Test
    void promoteReachesTheNewSlotThroughCaddyWithinOneSecondOfTheAnswer() {
        Released r = releasedOnBlue();
        Edge.deployed(r.t().member(), r.env(), "2", green.port());
        Response promoted = as(r.t().member()).post(r.env() + "/promote");
        long answeredAt = System.nanoTime();
        promoted.then().statusCode(200).body("activeSlot", equalTo("green")).body("proxy.status", equalTo("synced"))
                .body("proxy.appliedPort", equalTo(green.port())).body("proxy.lastError", equalTo(null));
        long waited = Edge.msUntil(CLIENT, r.domain(), Edge.GREEN, 1000);
        long sinceAnswer = (System.nanoTime() - answeredAt) / 1_000_000;
        System.out.printf("edge timing: green served through Caddy %d ms after the promote answered%n", sinceAnswer);
        assertTrue(waited >= 0 && sinceAnswer <= 1000, "green served through Caddy " + sinceAnswer + " ms after the promote answered");
        assertEquals("127.0.0.1:" + green.port(), Edge.dial(caddy, r.domain()));
        assertEquals(Boolean.TRUE, Edge.caddyConfigured(r.domain()));
    }

    @Test
    void rollbackSendsTheTrafficBack() {
        Released r = releasedOnBlue();
        Edge.deployed(r.t().member(), r.env(), "2", green.port());
        as(r.t().member()).post(r.env() + "/promote").then().statusCode(200);
        as(r.t().member()).body("{\"reason\":\"bad release\"}").post(r.env() + "/rollback").then().statusCode(200)
                .body("activeSlot", equalTo("blue")).body("proxy.status", equalTo("synced")).body("proxy.appliedPort", equalTo(blue.port()));
        assertTrue(Edge.msUntil(CLIENT, r.domain(), Edge.BLUE, 1000) >= 0, "blue again within 1 s of the rollback's answer");
    }

    @Test
    void graceExpiryChangesNothingAtTheEdge() {
        Released r = releasedOnBlue();
        Edge.deployed(r.t().member(), r.env(), "2", green.port());
        as(r.t().member()).post(r.env() + "/promote").then().statusCode(200);
        JsonObject before = Edge.route(caddy, r.domain());
        Fixtures.pool().preparedQuery("UPDATE project_slots SET grace_expires_at = NOW() - INTERVAL '1 second'"
                + " WHERE project_name = $1 AND environment = 'production'").execute(Tuple.of(r.t().project())).await().indefinitely();
        assertTrue(Arc.container().instance(GraceSweep.class).get().expireGrace().await().indefinitely() >= 1);
        as(r.t().member()).get(r.env() + "/slot").then().body("blue.state", equalTo("empty")).body("proxy.status", equalTo("synced"))
                .body("proxy.appliedPort", equalTo(green.port()));
        assertEquals(before, Edge.route(caddy, r.domain()), "the route is as before");
        for (int i = 0; i < 20; i++) {
            assertTrue(CLIENT.get(r.domain()).ok(Edge.GREEN), "still green");
        }
    }

    @Test
    void steadyRequestLoopThroughCaddySeesNoFailureDuringTenSwitches() throws InterruptedException {
        Released r = releasedOnBlue();
        Edge.deployed(r.t().member(), r.env(), "2", green.port());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Thread loop = new Thread(() -> {
            while (running.get()) {
                EdgeClient.Answer a = CLIENT.getRetryingOnce(r.domain());
                requests.incrementAndGet();
                if (a.ok(Edge.BLUE) || a.ok(Edge.GREEN)) {
                    synchronized (seen) {
                        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(a.body())) {
                            seen.add(a.body());
                        }
                    }
                } else {
                    synchronized (failures) {
                        failures.add(a.status() + " " + a.body() + " " + a.error());
                    }
                }
            }
        }, "edge-loop");
        loop.start();
        try {
            for (int i = 0; i < 10; i++) {
                boolean promote = i % 2 == 0;
                String expected = promote ? Edge.GREEN : Edge.BLUE;
                Response answer = promote ? as(r.t().member()).post(r.env() + "/promote")
                        : as(r.t().member()).body("{\"reason\":\"switch " + i + "\"}").post(r.env() + "/rollback");
                answer.then().statusCode(200).body("proxy.status", equalTo("synced"));
                assertTrue(Edge.msUntil(CLIENT, r.domain(), expected, 1000) >= 0, "switch " + i + " reached " + expected);
                // each state is held under traffic for a while, however fast the switch itself was
                int at = requests.get();
                Thread.sleep(150);
                kr.codeb.control.support.Await.until(() -> requests.get() >= at + 6, 5_000, "the loop's requests after switch " + i);
            }
        } finally {
            running.set(false);
            loop.join(10_000);
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests.get() + " requests failed: " + failures);
        assertTrue(requests.get() > 50, "the loop ran (" + requests.get() + " requests)");
        assertTrue(seen.size() >= 10, "the loop saw the switches: " + seen);
    }

    @Test
    void anotherTeamsDomainNeverAppearsInThisTeamsRoute() {
        Released a = releasedOnBlue();
        Fixtures.TeamProject b = Fixtures.teamWithProject();
        String bDomain = Edge.newDomain();
        Edge.addDomain(b.admin(), b.project(), bDomain, "production");
        Fixtures.release(b.member(), b.env("production"), "1", green.port());
        // team A cannot take B's domain, nor reach B's project
        as(a.t().admin()).body("{\"domain\":\"" + bDomain + "\",\"type\":\"custom\"}").post("/api/v1/projects/" + a.t().project() + "/domains")
                .then().statusCode(409);
        as(a.t().admin()).body("{\"status\":\"active\"}").patch("/api/v1/projects/" + b.project() + "/domains/" + bDomain).then().statusCode(404);
        Await.until(() -> CLIENT.get(bDomain).ok(Edge.GREEN), 2000, "B's domain routes to B's slot");
        assertEquals("127.0.0.1:" + blue.port(), Edge.dial(caddy, a.domain()));
        assertEquals("127.0.0.1:" + green.port(), Edge.dial(caddy, bDomain));
        assertTrue(CLIENT.get(a.domain()).ok(Edge.BLUE));
        asSystem().get("/api/v1/proxy/status").then().statusCode(200);
    }

    @Test
    void deletingAProjectRemovesItsRoutes() {
        Released r = releasedOnBlue();
        String second = Edge.newDomain();
        Edge.addDomain(r.t().admin(), r.t().project(), second, "production");
        assertEquals("127.0.0.1:" + blue.port(), Edge.dial(caddy, second), "a domain added to a live environment routes at once");
        as(r.t().admin()).delete("/api/v1/projects/" + r.t().project()).then().statusCode(204);
        Await.until(() -> Edge.route(caddy, r.domain()) == null && Edge.route(caddy, second) == null, 2000, "both routes removed");
        assertNotEquals(Edge.BLUE, CLIENT.get(r.domain()).body());
    }

    @Test
    void domainChangesMoveTheRouteAndCaddyConfiguredFollows() {
        Released r = releasedOnBlue();
        String path = "/api/v1/projects/" + r.t().project() + "/domains/" + r.domain();
        as(r.t().admin()).body("{\"status\":\"error\"}").patch(path).then().statusCode(200)
                .body("proxy.status", equalTo("synced")).body("proxy.appliedPort", equalTo(null)).body("caddyConfigured", equalTo(false));
        assertNull(Edge.route(caddy, r.domain()), "a domain in status error has no route");
        assertEquals(Boolean.FALSE, Edge.caddyConfigured(r.domain()));
        as(r.t().admin()).body("{\"status\":\"active\"}").patch(path).then().statusCode(200)
                .body("proxy.status", equalTo("synced")).body("proxy.appliedPort", equalTo(blue.port()));
        assertEquals(Boolean.TRUE, Edge.caddyConfigured(r.domain()));
        as(r.t().viewer()).get("/api/v1/projects/" + r.t().project() + "/domains").then().statusCode(200)
                .body("items[0].proxy.status", equalTo("synced")).body("items[0].caddyConfigured", equalTo(true));
        as(r.t().admin()).delete(path).then().statusCode(204);
        Await.until(() -> Edge.route(caddy, r.domain()) == null, 2000, "the deleted domain's route removed");
    }

    @Test
    void routesWithoutCodebIdAreNeverTouched() throws InterruptedException {
        releasedOnBlue();
        Thread.sleep(CaddyEdgeProfile.RECONCILE_MS + 500);
        var routes = Edge.routes(caddy);
        assertTrue(routes.stream().anyMatch(o -> "operator-static".equals(((JsonObject) o).getString("@id"))), "operator route kept");
        assertTrue(routes.stream().anyMatch(o -> ((JsonObject) o).getString("@id") == null), "route without id kept");
        assertTrue(CLIENT.get("operator.edge.test").ok("operator"));
        assertTrue(CLIENT.get("noid.edge.test").ok("no id"));
    }

    @Test
    void syncsAndRoutesAreInTheMetrics() {
        releasedOnBlue();
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("codeb_proxy_syncs_total{") && l.contains("result=\"success\"")
                && !l.endsWith(" 0.0")), "successful syncs counted");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("codeb_proxy_routes{") && l.contains("status=\"synced\"")
                && !l.endsWith(" 0.0")), "synced routes gauged");
    }
}
