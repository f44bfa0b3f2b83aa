package kr.codeb.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7 "Kubernetes semantics" on the packaged application (fast-jar, or the native binary with -Dnative), against a
 * real PostgreSQL that is stopped under it: readiness keeps degraded mode reachable, a replica starts during an outage,
 * SIGTERM takes readiness DOWN before connections stop.
 */
class KubernetesSemanticsIT {

    private static final Path DB_ROOT = Path.of("target", "it-k8s-postgres");
    private static final String ADMIN_KEY = "it-k8s-admin-key-0123456789-abcdefghijklmnop";
    private static final String ENV_KEY = "S2V5IG9mIHRoZSBpbnRlZ3JhdGlvbiB0ZXN0cyEhISE=";
    private static EmbeddedPostgres.Server db;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void database() {
        db = EmbeddedPostgres.start(DB_ROOT, true);
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void readinessStaysUpInDegradedModeWhileTheDatabaseIsDownUnlessItIsRequired() throws Exception {
        String url = freshDatabase();
        Path registry = Files.createTempDirectory(Path.of("target"), "it-k8s-degraded");
        int port = 18_181;
        Process app = launch(env(url, registry, port, Map.of()), registry.resolve("out.log"));
        awaitReady(port, app, registry.resolve("out.log"));
        String slot = releasedProject(port);
        int strict = 18_182;
        Path strictRegistry = Files.createTempDirectory(Path.of("target"), "it-k8s-strict");
        Process requiring = launch(env(url, strictRegistry, strict, Map.of("CODEB_READINESS_REQUIRES_DB", "true")),
                strictRegistry.resolve("out.log"));
        awaitReady(strict, requiring, strictRegistry.resolve("out.log"));

        EmbeddedPostgres.suspend(DB_ROOT);
        try {
            waitFor("degraded mode", 10_000, () -> "degraded".equals(mode(port)));
            HttpResponse<String> ready = get(port, "/q/health/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("down", check(ready.body()).getJsonObject("data").getString("database"));
            long t = System.nanoTime();
            HttpResponse<String> read = get(port, slot, ADMIN_KEY);
            assertTrue((System.nanoTime() - t) / 1_000_000 < 1_000, "a slot read answers within 1 s in an outage");
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("true", read.headers().firstValue("X-CodeB-Degraded").orElse(null));
            assertEquals("green", new JsonObject(read.body()).getString("activeSlot"));
            HttpResponse<String> write = send(port, "POST", slot.replace("/slot", "/promote"), ADMIN_KEY, "");
            assertEquals(503, write.statusCode(), write.body());
            assertTrue(write.headers().firstValue("Retry-After").isPresent());

            waitFor("readiness DOWN where the database is required", 10_000, () -> status(strict, "/q/health/ready") == 503);
            assertEquals(200, status(strict, "/q/health/live"), "liveness stays UP");
        } finally {
            EmbeddedPostgres.resume(DB_ROOT);
        }
        waitFor("normal mode again", 10_000, () -> "normal".equals(mode(port)));
        waitFor("readiness UP again where the database is required", 10_000, () -> status(strict, "/q/health/ready") == 200);
    }

    @Test
    void aReplicaStartedDuringAnOutageServesFromItsRegistryAndMigratesWhenTheDatabaseReturns() throws Exception {
        // an earlier run of this replica left a registry with a promoted slot
        String earlier = freshDatabase();
        Path registry = Files.createTempDirectory(Path.of("target"), "it-k8s-outage-start");
        int port = 18_183;
        Process first = launch(env(earlier, registry, port, Map.of()), registry.resolve("first.log"));
        awaitReady(port, first, registry.resolve("first.log"));
        String slot = releasedProject(port);
        waitFor("slots.json written", 5_000, () -> read(registry.resolve("slots.json")).contains("\"activeSlot\" : \"green\""));
        first.toHandle().destroy();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));

        // the database it is pointed at now has no schema at all: every migration is pending
        String empty = freshDatabase();
        EmbeddedPostgres.suspend(DB_ROOT);
        Process app;
        try {
            long begin = System.nanoTime();
            app = launch(env(empty, registry, port, Map.of()), registry.resolve("second.log"));
            waitFor("degraded slot reads", 10_000, () -> {
                assertTrue(app.isAlive(), () -> "exited: " + read(registry.resolve("second.log")));
                try {
                    HttpResponse<String> r = get(port, slot, ADMIN_KEY);
                    return r.statusCode() == 200 && "true".equals(r.headers().firstValue("X-CodeB-Degraded").orElse(null));
                } catch (IOException notYet) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            System.out.printf("degraded reads %d ms after a start during the outage%n", (System.nanoTime() - begin) / 1_000_000);
            assertEquals("degraded", mode(port));
            assertEquals(503, send(port, "POST", "/api/v1/teams", ADMIN_KEY, "{\"name\":\"n\",\"slug\":\"s-out\",\"owner\":\"o@x.io\"}")
                    .statusCode(), "writes wait for the database");
        } finally {
            EmbeddedPostgres.resume(DB_ROOT);
        }
        long back = System.nanoTime();
        waitFor("migrated and out of degraded mode", 5_000, () -> "normal".equals(mode(port)));
        System.out.printf("left degraded mode %d ms after the database returned%n", (System.nanoTime() - back) / 1_000_000);
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + empty, db.user(), db.password());
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            long shipped;
            try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
                shipped = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            }
            assertEquals(shipped, rs.getInt(1), "every pending migration was applied");
        }
        assertEquals(201, send(port, "POST", "/api/v1/teams", ADMIN_KEY, "{\"name\":\"n\",\"slug\":\"s-back\",\"owner\":\"o@x.io\"}")
                .statusCode());
        assertTrue(app.isAlive());
    }

    @Test
    void withoutRegistryOrDatabaseItExitsWithOneLineNamingTheDatabase() throws Exception {
        String url = freshDatabase();
        Path registry = Files.createTempDirectory(Path.of("target"), "it-k8s-nothing");
        Path log = registry.resolve("out.log");
        EmbeddedPostgres.suspend(DB_ROOT);
        try {
            Process app = launch(env(url, registry, 18_184, Map.of()), log);
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "exits");
            assertNotEquals(0, app.exitValue());
            String out = read(log);
            List<String> lines = out.lines().filter(l -> l.contains("cannot reach the database at 127.0.0.1:" + db.port())).toList();
            assertEquals(1, lines.size(), out);
            assertFalse(out.contains("\tat "), "no stack trace: " + out);
            assertFalse(out.contains(db.password()), "no password");
        } finally {
            EmbeddedPostgres.resume(DB_ROOT);
        }
    }

    @Test
    void sigtermTakesReadinessDownAtOnceAndServesThroughTheDelayBeforeDraining() throws Exception {
        String url = freshDatabase();
        Path registry = Files.createTempDirectory(Path.of("target"), "it-k8s-sigterm");
        int port = 18_185;
        Process app = launch(env(url, registry, port, Map.of("CODEB_SHUTDOWN_DELAY", "3s")), registry.resolve("out.log"));
        awaitReady(port, app, registry.resolve("out.log"));

        long term = System.nanoTime();
        app.toHandle().destroy(); // SIGTERM
        // polled back to back: the figure is the service's, not a sleep between polls
        long downMs = -1;
        while (System.nanoTime() - term < 2_000_000_000L) {
            long asked = System.nanoTime();
            if (status(port, "/q/health/ready") == 503) {
                downMs = (asked - term) / 1_000_000;
                break;
            }
        }
        assertTrue(downMs >= 0, "readiness never went DOWN");
        System.out.printf("readiness DOWN %d ms after SIGTERM%n", downMs);
        assertTrue(downMs <= 100, "readiness DOWN within 100 ms, took " + downMs);
        Thread.sleep(1_500);
        assertEquals(200, get(port, "/api/v1/teams", ADMIN_KEY).statusCode(), "still serving during the delay");
        assertEquals(200, status(port, "/q/health/live"));
        assertTrue(app.isAlive(), "not gone before the delay ends");
        assertTrue(app.waitFor(20, TimeUnit.SECONDS), "exits after the delay and the drain");
        long exitMs = (System.nanoTime() - term) / 1_000_000;
        System.out.printf("exited %d ms after SIGTERM%n", exitMs);
        assertTrue(exitMs >= 3_000, "not before the 3 s delay: " + exitMs);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Creates a team, a project and promotes two releases to production; answers the path of its slot view. */
    private String releasedProject(int port) throws Exception {
        String slug = "k8s-" + System.nanoTime();
        String team = new JsonObject(send(port, "POST", "/api/v1/teams", ADMIN_KEY,
                "{\"name\":\"K8s\",\"slug\":\"" + slug + "\",\"owner\":\"o@x.io\"}").body()).getString("id");
        String project = "p" + slug;
        assertEquals(201, send(port, "POST", "/api/v1/projects", ADMIN_KEY, "{\"name\":\"" + project + "\",\"teamId\":\"" + team + "\"}")
                .statusCode());
        String env = "/api/v1/projects/" + project + "/environments/production";
        for (String v : new String[] {"1", "2"}) {
            HttpResponse<String> d = send(port, "POST", env + "/deployments", ADMIN_KEY, "{\"version\":\"" + v + "\",\"image\":\"app:" + v
                    + "\",\"port\":4100}");
            assertEquals(201, d.statusCode(), d.body());
            String id = new JsonObject(d.body()).getJsonObject("deployment").getString("id");
            assertEquals(200, send(port, "PATCH", "/api/v1/deployments/" + id, ADMIN_KEY, "{\"status\":\"success\"}").statusCode());
            assertEquals(200, send(port, "POST", env + "/promote", ADMIN_KEY, "").statusCode());
        }
        return env + "/slot";
    }

    private String freshDatabase() throws Exception {
        String name = "k8s_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(), db.user(), db.password());
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private Map<String, String> env(String database, Path registry, int port, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", db.url(database),
                "CODEB_REGISTRY_DIR", registry.toString(), "QUARKUS_HTTP_PORT", String.valueOf(port),
                "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY, "CODEB_ADMIN_KEY", ADMIN_KEY, "DB_CONNECT_TIMEOUT", "1000",
                "CODEB_SHUTDOWN_DELAY", "0s"));
        env.putAll(more);
        return env;
    }

    private String mode(int port) {
        try {
            return check(get(port, "/q/health/ready", null).body()).getJsonObject("data").getString("mode");
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    private static JsonObject check(String health) {
        var checks = new JsonObject(health).getJsonArray("checks");
        for (int i = 0; i < checks.size(); i++) {
            if ("mode".equals(checks.getJsonObject(i).getString("name"))) {
                return checks.getJsonObject(i);
            }
        }
        throw new AssertionError("no mode check in " + health);
    }

    private int status(int port, String path) {
        try {
            return get(port, path, null).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(int port, String path, String key) throws IOException, InterruptedException {
        return send(port, "GET", path, key, null);
    }

    private HttpResponse<String> send(int port, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process launch(Map<String, String> env, Path log) throws IOException {
        Process p = PackagedApp.launch(env, log);
        started.add(p);
        return p;
    }

    private void awaitReady(int port, Process app, Path log) throws Exception {
        waitFor("ready", 60_000, () -> {
            assertTrue(app.isAlive(), () -> "exited early: " + read(log));
            return status(port, "/q/health/ready") == 200;
        });
    }

    private static void waitFor(String what, long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + ms + " ms");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
