package kr.codeb.control.proxy;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.CaddyProcess;
import kr.codeb.control.support.EdgeClient;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.SlotApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Caddy restarted empty, or down during a promote: the database change stands, and the edge is whole again soon after (SPEC §9). */
@QuarkusTest
@TestProfile(CaddyEdgeProfile.class)
class EdgeRecoveryTest {

    private static SlotApp blue;
    private static SlotApp green;
    private static final EdgeClient CLIENT = new EdgeClient(CaddyEdgeProfile.HTTP_PORT);
    private CaddyProcess caddy;

    @BeforeAll
    static void apps() {
        blue = SlotApp.start("blue");
        green = SlotApp.start("green");
    }

    @AfterAll
    static void closeApps() {
        blue.close();
        green.close();
    }

    @BeforeEach
    void startCaddy() {
        caddy = new CaddyProcess(CaddyEdgeProfile.ADMIN_PORT, "recovery").start(Edge.baseConfig());
    }

    @AfterEach
    void stopCaddy() {
        caddy.stop();
    }

    @Test
    void caddyRestartedWithoutItsRoutesServesThemAgainWithinOneReconcileInterval() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        Fixtures.release(t.member(), t.env("production"), "1", blue.port());
        assertTrue(CLIENT.get(domain).ok(Edge.BLUE));

        // what Debian's caddy.service does on a restart without --resume: the admin-API changes are gone
        caddy.stop();
        caddy.start(Edge.baseConfig());
        long restartedAt = System.nanoTime();
        assertEquals(null, Edge.route(caddy, domain), "the restarted Caddy lost the route");
        long ms = Edge.msUntil(CLIENT, domain, Edge.BLUE, CaddyEdgeProfile.RECONCILE_MS + 1000);
        long took = (System.nanoTime() - restartedAt) / 1_000_000;
        System.out.printf("edge timing: restarted Caddy repaired %d ms after it came up (reconcile interval %d ms)%n", took,
                CaddyEdgeProfile.RECONCILE_MS);
        assertTrue(ms >= 0, "repaired within one reconcile interval (" + CaddyEdgeProfile.RECONCILE_MS + " ms, +1 s for the request loop)");
    }

    @Test
    void promoteWhileCaddyIsDownAnswers200AndTheRouteFollowsOnceCaddyIsBack() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String env = t.env("production");
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        Fixtures.release(t.member(), env, "1", blue.port());
        Edge.deployed(t.member(), env, "2", green.port());

        caddy.stop();
        long start = System.nanoTime();
        as(t.member()).post(env + "/promote").then().statusCode(200).body("activeSlot", equalTo("green"))
                .body("proxy.status", oneOf("pending", "error")).body("proxy.appliedPort", equalTo(blue.port()))
                .body("proxy.lastError", notNullValue());
        long answeredMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(answeredMs < 2500, "the answer is bounded (" + answeredMs + " ms)");
        as(t.viewer()).get(env + "/slot").then().body("green.state", equalTo("active"));
        Await.until(() -> Boolean.FALSE.equals(Edge.caddyConfigured(domain)), 3000, "caddy_configured false while not applied");
        Await.until(() -> failureAudited(t.team(), domain), 3000, "the failed sync is audited");
        System.out.printf("edge timing: down-phase checks done %d ms after the promote%n", (System.nanoTime() - start) / 1_000_000);

        long down = System.nanoTime();
        caddy.start(Edge.baseConfig());
        long ms = Edge.msUntil(CLIENT, domain, Edge.GREEN, 2 * CaddyEdgeProfile.RECONCILE_MS + 2000);
        System.out.printf("edge timing: promote answered in %d ms with Caddy down; applied %d ms after Caddy was started again"
                + " (%d ms after it answered)%n", answeredMs, (System.nanoTime() - down) / 1_000_000, ms);
        assertTrue(ms >= 0, "green served once Caddy is back");
        Await.until(() -> Boolean.TRUE.equals(Edge.caddyConfigured(domain)), 3000, "caddy_configured true again");
        as(t.viewer()).get(env + "/slot").then().body("proxy.status", equalTo("synced")).body("proxy.appliedPort", equalTo(green.port()))
                .body("proxy.lastError", equalTo(null));
    }

    private static boolean failureAudited(String team, String domain) {
        for (Row r : Fixtures.pool().preparedQuery("SELECT success, error, role, params::text AS params FROM audit_logs"
                + " WHERE team_id = $1 AND action = 'proxy.sync_failed'").execute(Tuple.of(team)).await().indefinitely()) {
            if (!r.getBoolean("success") && r.getString("params").contains(domain) && r.getString("error") != null) {
                return true;
            }
        }
        return false;
    }

    @Test
    void onlyOneReconcilerRunsAtATimeAcrossReplicas() {
        Reconciler reconciler = io.quarkus.arc.Arc.container().instance(Reconciler.class).get();
        // another replica's reconciler holds the lock: this one refreshes its memory but leaves Caddy alone
        Fixtures.pool().withConnection(conn -> conn.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(ProxyRepository.RECONCILE_LOCK))
                .chain(() -> reconciler.reconcile().invoke(done -> assertEquals(false, done)))
                .eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(ProxyRepository.RECONCILE_LOCK))))
                .await().indefinitely();
        assertEquals(true, reconciler.reconcile().await().indefinitely(), "with the lock free, it reconciles");
    }
}
