package kr.codeb.control.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.db.EmbeddedPostgres;

/**
 * Packaged replicas of the service (SPEC §7 "Several replicas") on one fresh database of an embedded PostgreSQL, for
 * the *IT classes: launch, wait until ready, call over HTTP, stop.
 */
public final class Replicas implements AutoCloseable {

    public static final String ADMIN_KEY = "it-replicas-admin-key-0123456789-abcdefghijklmnop";
    private static final String ENV_KEY = "S2V5IG9mIHRoZSBpbnRlZ3JhdGlvbiB0ZXN0cyEhISE=";

    private final EmbeddedPostgres.Server db;
    private final String database;
    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Replicas(EmbeddedPostgres.Server db, String database, Path dir) {
        this.db = db;
        this.database = database;
        this.dir = dir;
    }

    /** A fresh database named after {@code prefix} on the embedded PostgreSQL kept under {@code root}. */
    public static Replicas onFreshDatabase(Path root, String prefix) throws Exception {
        EmbeddedPostgres.Server db = EmbeddedPostgres.start(root, true);
        String database = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(db.database()), db.user(), db.password())) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        return new Replicas(db, database, Files.createTempDirectory(Path.of("target"), "it-" + prefix));
    }

    /** A JDBC connection to the replicas' database, for what the test checks in the rows. */
    public Connection sql() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
    }

    /** Starts a replica on {@code port} with its own registry directory. */
    public Process launch(int port) throws IOException {
        Path home = dir.resolve(String.valueOf(port));
        Files.createDirectories(home);
        Process p = PackagedApp.launch(Map.of("DATABASE_URL", db.url(database), "CODEB_REGISTRY_DIR", home.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY, "CODEB_ADMIN_KEY", ADMIN_KEY,
                "DB_CONNECT_TIMEOUT", "1000", "CODEB_SHUTDOWN_DELAY", "0s"), log(port));
        started.add(p);
        return p;
    }

    public Path log(int port) {
        return dir.resolve(port + "/out.log");
    }

    /** Waits until the replica on {@code port} answers ready, failing with its log if it exits first. */
    public void awaitReady(int port, Process app) {
        Await.until(() -> {
            assertTrue(app.isAlive(), () -> "exited early: " + read(log(port)));
            try {
                return send(port, "GET", "/q/health/ready", null, null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, 60_000, "ready on " + port);
    }

    /** One request; {@code key} null is the admin key. */
    public HttpResponse<String> send(int port, String method, String path, String body, String key) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + (key == null ? ADMIN_KEY : key))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The body of a 2xx answer; anything else fails the test. */
    public static String ok(HttpResponse<String> r) {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return r.body();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
