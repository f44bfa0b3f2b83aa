package kr.codeb.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (fast-jar, or the native binary with -Dnative) as a newcomer and an operator
 * meet it: pointed at an external PostgreSQL by DATABASE_URL, first start, SIGTERM, bad configuration.
 */
class PackagedApplicationIT {

    private static final Pattern KEY = Pattern.compile("codeb_system_[A-Za-z0-9_-]{40}");
    /** The env encryption key of every start against the IT database (as the codeb Secret would hold it). */
    private static final String ENV_KEY = "S2V5IG9mIHRoZSBpbnRlZ3JhdGlvbiB0ZXN0cyEhISE=";
    private static EmbeddedPostgres.Server db;
    private static String databaseUrl;
    private final List<Process> started = new ArrayList<>();
    // HTTP/1.1 as CI pipelines and probes speak it; one connection per concurrent request
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void database() {
        db = EmbeddedPostgres.start(Path.of("target", "it-postgres"), true);
        databaseUrl = "postgresql://" + db.user() + ":" + db.password() + "@127.0.0.1:" + db.port() + "/" + db.database();
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void firstStartMigratesExternalDatabasePrintsAWorkingAdminKeyAndStopsCleanlyOnSigterm() throws Exception {
        Path registry = Files.createTempDirectory(Path.of("target"), "it-registry");
        int port = 18_080;
        Path log = registry.resolve("out.log");
        long begin = System.nanoTime();
        Process app = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY), log);
        awaitReady(port, app, log);
        System.out.printf("packaged application ready after %d ms%n", (System.nanoTime() - begin) / 1_000_000);

        Matcher m = KEY.matcher(Files.readString(log));
        assertTrue(m.find(), "the first start prints the generated admin key");
        String key = m.group();
        assertEquals(200, get(port, "/api/v1/teams", key).statusCode());
        assertEquals(401, get(port, "/api/v1/teams", key + "x").statusCode());
        assertForgedClientAddressIsNotRecorded(port, key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(registry.resolve("api-keys.json"))));
        assertFalse(Files.readString(registry.resolve("api-keys.json")).contains(key), "only the hash is stored");

        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(), db.user(), db.password());
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 5, "every migration applied to the external database");
        }

        long term = System.nanoTime();
        app.toHandle().destroy(); // SIGTERM
        assertTrue(app.waitFor(15, TimeUnit.SECONDS), "stops within 15 s of SIGTERM");
        System.out.printf("packaged application stopped %d ms after SIGTERM%n", (System.nanoTime() - term) / 1_000_000);

        Process again = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY), registry.resolve("second.log"));
        awaitReady(port, again, registry.resolve("second.log"));
        assertFalse(KEY.matcher(Files.readString(registry.resolve("second.log"))).find(), "the key is printed only once");
        assertEquals(200, get(port, "/api/v1/teams", key).statusCode(), "the stored key still works");
    }

    @Test
    void sigtermUnderLoadAnswersInFlightRequestsAndLosesNoQueuedAuditRow() throws Exception {
        Path registry = Files.createTempDirectory(Path.of("target"), "it-shutdown");
        int port = 18_081;
        String adminKey = "it-admin-key-0123456789-abcdefghijklmnopq";
        Process app = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ADMIN_KEY", adminKey, "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY),
                registry.resolve("out.log"));
        awaitReady(port, app, registry.resolve("out.log"));
        String marker = "it-shutdown-" + System.nanoTime();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/teams?limit=" + (1 + i % 200)))
                    .header("Authorization", "Bearer " + adminKey).header("User-Agent", marker).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (i == 150) {
                app.toHandle().destroy(); // SIGTERM with requests in flight and audit rows queued
            }
        }
        int answered = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (var call : calls) {
            try {
                statuses.merge(call.get().statusCode(), 1, Integer::sum);
                if (call.get().statusCode() == 200) {
                    answered++;
                }
            } catch (java.util.concurrent.ExecutionException refusedAfterShutdownBegan) {
                statuses.merge(-1, 1, Integer::sum);
            }
        }
        System.out.println("statuses " + statuses);
        assertTrue(app.waitFor(15, TimeUnit.SECONDS), "stops within 15 s of SIGTERM");
        assertTrue(answered > 0, "some requests were answered");
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(), db.user(), db.password());
                var st = c.prepareStatement("SELECT count(*) FROM audit_logs WHERE user_agent = ? AND success")) {
            st.setString(1, marker);
            var rs = st.executeQuery();
            rs.next();
            assertEquals(answered, rs.getInt(1), "every answered request has its audit row after shutdown");
        }
        System.out.printf("shutdown under load: %d of %d requests answered, all audited%n", answered, calls.size());
    }

    @Test
    void missingEnvEncryptionKeyStopsStartUpNamingTheVariable() throws Exception {
        Path registry = Files.createTempDirectory(Path.of("target"), "it-nokey");
        Path log = registry.resolve("out.log");
        Process app = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(), "QUARKUS_HTTP_PORT", "18082"), log);
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, app.exitValue());
        String out = Files.readString(log);
        assertTrue(out.contains("CODEB_ENV_ENCRYPTION_KEY is not set: it is required in production"), out);
        assertFalse(Files.exists(registry.resolve("env-encryption.key")), "production never generates the key");
        assertFalse(KEY.matcher(out).find(), "nothing was generated or printed before stopping");
    }

    @Test
    void anotherEnvEncryptionKeyThanTheStoredOneStopsStartUp() throws Exception {
        Path registry = Files.createTempDirectory(Path.of("target"), "it-wrongkey");
        int port = 18_083;
        // whichever test started first, the database now holds ENV_KEY's fingerprint
        Process first = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY), registry.resolve("first.log"));
        awaitReady(port, first, registry.resolve("first.log"));
        first.toHandle().destroy();
        assertTrue(first.waitFor(15, TimeUnit.SECONDS));

        String otherKey = "QW5vdGhlciBrZXksIG5vdCB0aGUgc3RvcmVkIG9uZSE=";
        Process second = launch(Map.of("DATABASE_URL", databaseUrl, "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", otherKey), registry.resolve("second.log"));
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, second.exitValue());
        String out = Files.readString(registry.resolve("second.log"));
        assertTrue(out.contains("CODEB_ENV_ENCRYPTION_KEY is not the key that encrypted the stored environment variables"), out);
        assertFalse(out.contains(otherKey) || out.contains(ENV_KEY), "keys are never printed");
    }

    /** Without a trusted proxy configured, X-Forwarded-For is the client's own claim: the audit log keeps the peer address. */
    private void assertForgedClientAddressIsNotRecorded(int port, String key) throws Exception {
        String marker = "it-forged-" + System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/teams"))
                .header("Authorization", "Bearer " + key).header("X-Forwarded-For", "203.0.113.66").header("User-Agent", marker)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(), db.user(), db.password());
                var st = c.prepareStatement("SELECT ip FROM audit_logs WHERE user_agent = ?")) {
            st.setString(1, marker);
            while (System.nanoTime() < deadline) {
                var rs = st.executeQuery();
                if (rs.next()) {
                    assertEquals("127.0.0.1", rs.getString(1));
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the read was not audited within 10 s");
    }

    @Test
    void unparsablePoolSizeStopsStartUpNamingTheVariable() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "it-badpool", ".log");
        Process app = launch(Map.of("DATABASE_URL", databaseUrl, "DB_POOL_MAX", "lots"), log);
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, app.exitValue());
        String out = Files.readString(log);
        assertTrue(out.contains("DB_POOL_MAX: expected a whole number"), out);
    }

    @Test
    void missingDatabaseConfigurationStopsStartUpWithAClearLine() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "it-nodb", ".log");
        Process app = launch(Map.of(), log);
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, app.exitValue());
        assertTrue(Files.readString(log).contains("No database configured: set DATABASE_URL"), Files.readString(log));
    }

    @Test
    void secretsInABadDatabaseUrlAreNeverPrinted() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "it-badurl", ".log");
        Process app = launch(Map.of("DATABASE_URL", "mysql://u:hunter2-secret@h/db"), log);
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertTrue(out.contains("DATABASE_URL: expected postgresql://"), out);
        assertFalse(out.contains("hunter2-secret"));
    }

    private Process launch(Map<String, String> env, Path log) throws IOException {
        Process p = PackagedApp.launch(env, log);
        started.add(p);
        return p;
    }

    private void awaitReady(int port, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), () -> "exited early: " + read(log));
            try {
                if (get(port, "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready within 60 s: " + read(log));
    }

    private HttpResponse<String> get(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
