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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (fast-jar, or the native binary with -Dnative) as a newcomer and an operator
 * meet it: pointed at an external PostgreSQL by DATABASE_URL, first start, SIGTERM, bad configuration.
 */
class PackagedApplicationIT {

    private static final Pattern KEY = Pattern.compile("codeb_system_[A-Za-z0-9_-]{40}");
    private static EmbeddedPostgres.Server db;
    private static String databaseUrl;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

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
                "QUARKUS_HTTP_PORT", String.valueOf(port)), log);
        awaitReady(port, app, log);
        System.out.printf("packaged application ready after %d ms%n", (System.nanoTime() - begin) / 1_000_000);

        Matcher m = KEY.matcher(Files.readString(log));
        assertTrue(m.find(), "the first start prints the generated admin key");
        String key = m.group();
        assertEquals(200, get(port, "/api/v1/teams", key).statusCode());
        assertEquals(401, get(port, "/api/v1/teams", key + "x").statusCode());
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
                "QUARKUS_HTTP_PORT", String.valueOf(port)), registry.resolve("second.log"));
        awaitReady(port, again, registry.resolve("second.log"));
        assertFalse(KEY.matcher(Files.readString(registry.resolve("second.log"))).find(), "the key is printed only once");
        assertEquals(200, get(port, "/api/v1/teams", key).statusCode(), "the stored key still works");
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
        List<String> command = new ArrayList<>();
        if (Boolean.getBoolean("codeb.it.native")) {
            try (var files = Files.list(Path.of("target"))) {
                command.add(files.filter(p -> p.getFileName().toString().endsWith("-runner")).findFirst().orElseThrow().toString());
            }
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CODEB_") || k.startsWith("DATABASE_") || k.startsWith("DB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
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
