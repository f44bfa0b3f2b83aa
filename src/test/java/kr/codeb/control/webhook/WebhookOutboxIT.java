package kr.codeb.control.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.codeb.control.common.db.EmbeddedPostgres;
import kr.codeb.control.support.PackagedApp;
import kr.codeb.control.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the packaged application: an event committed with its change survives a SIGKILL of the service before it
 * was delivered (the receiver was down), and the service started again sends it, signed, with the same webhook-id.
 */
class WebhookOutboxIT {

    private static final String ADMIN_KEY = "it-webhook-admin-key-0123456789-abcdefghijk";
    private static final String ENV_KEY = "S2V5IG9mIHRoZSBpbnRlZ3JhdGlvbiB0ZXN0cyEhISE=";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private Process app;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anEventCommittedBeforeASigkillIsDeliveredAfterTheRestart() throws Exception {
        EmbeddedPostgres.Server db = EmbeddedPostgres.start(Path.of("target", "it-webhook-postgres"), true);
        String database = "wh_" + Long.toHexString(System.nanoTime());
        try (Connection c = jdbc(db, db.database()); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Path registry = Files.createTempDirectory(Path.of("target"), "it-webhook");
        int port = freePort();
        int receiverPort = freePort();
        Map<String, String> env = Map.of("DATABASE_URL", db.url(database), "CODEB_REGISTRY_DIR", registry.toString(),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CODEB_ENV_ENCRYPTION_KEY", ENV_KEY, "CODEB_ADMIN_KEY", ADMIN_KEY,
                "CODEB_SHUTDOWN_DELAY", "0s", "CODEB_WEBHOOK_ALLOW_PRIVATE", "true", "CODEB_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
                "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath());
        app = start(env, registry.resolve("first.log"), port);

        String team = new JsonObject(send(port, "POST", "/api/v1/teams", "{\"name\":\"W\",\"slug\":\"w-" + System.nanoTime()
                + "\",\"owner\":\"o@x.io\"}", 201)).getString("id");
        send(port, "POST", "/api/v1/projects", "{\"name\":\"wh-app\",\"teamId\":\"" + team + "\"}", 201);
        String secret = new JsonObject(send(port, "POST", "/api/v1/teams/" + team + "/webhooks", "{\"url\":\"http://127.0.0.1:" + receiverPort
                + "/hook\",\"events\":[\"deployment.created\"]}", 201)).getString("secret");
        String deployment = new JsonObject(send(port, "POST", "/api/v1/projects/wh-app/environments/production/deployments",
                "{\"version\":\"7\",\"image\":\"app:7\"}", 201)).getJsonObject("deployment").getString("id");

        // committed and claimed for its first attempt (nothing listens yet); the process dies at once, perhaps mid-attempt:
        // the claim lapses and the restarted service sends the delivery
        String eventId = waitForAttempt(db, database);
        app.toHandle().destroyForcibly();
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        assertEquals("pending", status(db, database), "the delivery outlives the process");

        receiver = WebhookReceiver.start(receiverPort);
        app = start(env, registry.resolve("second.log"), port);
        WebhookReceiver.Received r = receiver.await("/hook", x -> true, 1, Duration.ofSeconds(60)).get(0);
        assertEquals(eventId, r.header("webhook-id"));
        new Webhook(secret).verify(r.body(), r.headers());
        JsonObject body = new JsonObject(r.body());
        assertEquals("deployment.created", body.getString("type"));
        assertEquals(deployment, body.getJsonObject("data").getString("deploymentId"));
        assertEquals(1L, body.getJsonObject("data").getLong("seq"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"delivered".equals(status(db, database)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("delivered", status(db, database));
    }

    private Process start(Map<String, String> env, Path log, int port) throws Exception {
        Process p = PackagedApp.launch(env, log);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(p.isAlive(), () -> "exited early: " + read(log));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 60 s: " + read(log));
    }

    private String send(int port, String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return r.body();
    }

    /** Waits until the one delivery is claimed for an attempt; answers its event id. */
    private static String waitForAttempt(EmbeddedPostgres.Server db, String database) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> row = query(db, database, "SELECT event_id, attempts FROM webhook_deliveries");
            if (!row.isEmpty() && Integer.parseInt(row.get(1)) >= 1) {
                return row.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no delivery attempt within 20 s");
    }

    private static String status(EmbeddedPostgres.Server db, String database) throws Exception {
        return query(db, database, "SELECT status FROM webhook_deliveries").get(0);
    }

    private static List<String> query(EmbeddedPostgres.Server db, String database, String sql) throws Exception {
        try (Connection c = jdbc(db, database); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return List.of();
            }
            List<String> out = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        }
    }

    private static Connection jdbc(EmbeddedPostgres.Server db, String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + database, db.user(), db.password());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
