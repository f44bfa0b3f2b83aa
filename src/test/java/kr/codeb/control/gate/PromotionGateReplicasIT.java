package kr.codeb.control.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.PackagedApp;
import kr.codeb.control.support.SlotApp;
import kr.codeb.control.support.SlotApp.Mode;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one database (SPEC §12): each environment is probed by one of them at a time, the other takes
 * over when it stops, nothing is rolled back while the database is down, and once it is back the automatic rollback
 * happens exactly once.
 */
class PromotionGateReplicasIT {

    private static final Path DB_ROOT = Path.of("target", "it-gate-postgres");
    private static final String ADMIN_KEY = "it-gate-admin-key-0123456789-abcdefghijklmnop";
    private static final String ENV_KEY = "S2V5IG9mIHRoZSBpbnRlZ3JhdGlvbiB0ZXN0cyEhISE=";
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private static EmbeddedPostgres.Server db;

    @Test
    void oneReplicaProbesAnEnvironmentAndTheRollbackHappensOnce() throws Exception {
        db = EmbeddedPostgres.start(DB_ROOT, true);
        String database = "gate_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(db.database()), db.user(), db.password())) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        Path dir = Files.createTempDirectory(Path.of("target"), "it-gate");
        int a = 18_191;
        int b = 18_192;
        Process first = launch(database, dir.resolve("a"), a);
        Process second = launch(database, dir.resolve("b"), b);
        try (SlotApp blue = SlotApp.start("blue"); SlotApp green = SlotApp.start("green");
                Connection sql = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password())) {
            awaitReady(a, first, dir.resolve("a/out.log"));
            awaitReady(b, second, dir.resolve("b/out.log"));
            String env = project(a);
            ok(send(a, "PUT", env + "/policy", "{\"healthCheck\":{\"intervalSeconds\":1,\"timeoutMs\":400,\"healthyAfter\":1,"
                    + "\"unhealthyAfter\":2},\"autoRollback\":{\"windowSeconds\":600}}"));
            release(a, env, "1", blue.port(), "blue");
            release(b, env, "2", green.port(), "green");

            // one owner at a time: over 5 s the lease never changes hands, and the active slot is probed about once a second
            Set<String> owners = new HashSet<>();
            int before = green.requests();
            long end = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < end) {
                owners.add(scalar(sql, "SELECT probe_owner FROM environment_policies"));
                Thread.sleep(200);
            }
            int probes = green.requests() - before;
            assertEquals(1, owners.size(), "owners seen: " + owners);
            assertTrue(probes >= 3 && probes <= 7, probes + " probes in 5 s at a 1 s interval: one prober, not two");

            // the owner stops: the other replica takes over within a lease
            String owner = owners.iterator().next();
            Process leaving = first;
            int leavingPort = a;
            int staying = b;
            // the lease names the owner's process (host:pid/…)
            if (!owner.contains(":" + first.pid() + "/")) {
                leaving = second;
                leavingPort = b;
                staying = a;
            }
            leaving.toHandle().destroy();
            leaving.waitFor();
            int atStop = green.requests();
            waitFor("another replica probes", 8_000, () -> green.requests() >= atStop + 2);
            assertTrue(!owner.equals(scalar(sql, "SELECT probe_owner FROM environment_policies")), "the lease changed hands");
            System.out.printf("replica on %d stopped; probing resumed on %d%n", leavingPort, staying);

            // database down: the failing active slot is not rolled back (nothing can be decided without the database)
            EmbeddedPostgres.suspend(DB_ROOT);
            try {
                green.mode(Mode.FAILING);
                Thread.sleep(5_000);
            } finally {
                EmbeddedPostgres.resume(DB_ROOT);
            }
            assertEquals("green", active(staying, env), "nothing was rolled back during the outage");

            // back: rolled back once, as system
            int port = staying;
            waitFor("automatic rollback", 15_000, () -> "blue".equals(active(port, env)));
            Thread.sleep(2_000);
            // the outage ended the test's own connection too
            try (Connection again = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password())) {
                assertEquals("1", scalar(again, "SELECT count(*) FROM audit_logs WHERE action = 'slot.rollback' AND role = 'system'"));
            }
        }
    }

    private String project(int port) throws Exception {
        String slug = "gate-" + System.nanoTime();
        String team = new JsonObject(ok(send(port, "POST", "/api/v1/teams", "{\"name\":\"Gate\",\"slug\":\"" + slug
                + "\",\"owner\":\"o@x.io\"}"))).getString("id");
        ok(send(port, "POST", "/api/v1/projects", "{\"name\":\"p" + slug + "\",\"teamId\":\"" + team + "\"}"));
        return "/api/v1/projects/p" + slug + "/environments/production";
    }

    private void release(int port, String env, String version, int slotPort, String side) throws Exception {
        String id = new JsonObject(ok(send(port, "POST", env + "/deployments", "{\"version\":\"" + version + "\",\"image\":\"app:" + version
                + "\",\"port\":" + slotPort + "}"))).getJsonObject("deployment").getString("id");
        ok(send(port, "PATCH", "/api/v1/deployments/" + id, "{\"status\":\"success\"}"));
        waitFor(side + " healthy", 10_000, () -> {
            try {
                return "healthy".equals(new JsonObject(send(port, "GET", env + "/slot", null).body()).getJsonObject(side).getString("healthStatus"));
            } catch (Exception e) {
                return false;
            }
        });
        ok(send(port, "POST", env + "/promote", ""));
    }

    private String active(int port, String env) {
        try {
            return new JsonObject(send(port, "GET", env + "/slot", null).body()).getString("activeSlot");
        } catch (Exception e) {
            return null;
        }
    }

    private static String scalar(Connection sql, String query) {
        try (ResultSet rs = sql.createStatement().executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Process launch(String database, Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Process p = PackagedApp.launch(Map.of("DATABASE_URL", db.url(database), "CODEB_REGISTRY_DIR", dir.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY, "CODEB_ADMIN_KEY", ADMIN_KEY,
                "DB_CONNECT_TIMEOUT", "1000", "CODEB_SHUTDOWN_DELAY", "0s"), dir.resolve("out.log"));
        started.add(p);
        return p;
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private void awaitReady(int port, Process app, Path log) throws Exception {
        waitFor("ready on " + port, 60_000, () -> {
            assertTrue(app.isAlive(), () -> "exited early: " + read(log));
            try {
                return send(port, "GET", "/q/health/ready", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String ok(HttpResponse<String> r) {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return r.body();
    }

    private HttpResponse<String> send(int port, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(String what, long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + what + " within " + ms + " ms");
            }
            Thread.sleep(50);
        }
    }
}
