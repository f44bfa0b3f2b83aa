package kr.codeb.control.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code caddy} binary (Debian package, 2.6) run as a child process of the test, from a JSON config that
 * listens on loopback only; its data and config directories live under {@code target/}, so nothing outside is touched.
 */
public final class CaddyProcess implements AutoCloseable {

    private final int adminPort;
    private final Path dir;
    private Process process;

    public CaddyProcess(int adminPort, String name) {
        this.adminPort = adminPort;
        this.dir = Path.of("target", "caddy", name).toAbsolutePath();
    }

    /** Starts Caddy from {@code config} and waits until its admin API answers. */
    public CaddyProcess start(JsonObject config) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("config"));
            Path file = dir.resolve("caddy.json");
            Files.writeString(file, config.encodePrettily(), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("caddy.log").toFile()));
            pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
            pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
            pb.environment().put("HOME", dir.toString());
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("caddy could not be started (is the caddy package installed?)", e);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("caddy exited at start-up; see " + dir.resolve("caddy.log"));
            }
            if (adminGet("/config/") != null) {
                return this;
            }
            sleep(50);
        }
        throw new IllegalStateException("caddy's admin API did not answer within 10 s");
    }

    /** Stops it (SIGTERM, then SIGKILL) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** The body of a GET on the admin API, or null when it does not answer 200. */
    public String adminGet(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(adminUrl() + path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                if (c.getResponseCode() != 200) {
                    return null;
                }
                return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Sends {@code method path} with a JSON body to the admin API; answers the status. */
    public int adminSend(String method, String path, String json) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(adminUrl() + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-HTTP config: admin on loopback, server {@code server} on 127.0.0.1:{@code httpPort}, with {@code routes}. */
    public static JsonObject plainHttp(int adminPort, String server, int httpPort, io.vertx.core.json.JsonArray routes) {
        return new JsonObject().put("admin", new JsonObject().put("listen", "127.0.0.1:" + adminPort))
                .put("apps", new JsonObject().put("http", new JsonObject().put("servers", new JsonObject().put(server, new JsonObject()
                        .put("listen", new io.vertx.core.json.JsonArray().add("127.0.0.1:" + httpPort))
                        .put("automatic_https", new JsonObject().put("disable", true))
                        .put("routes", routes)))));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
