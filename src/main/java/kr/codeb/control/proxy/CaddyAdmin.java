package kr.codeb.control.proxy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import kr.codeb.control.common.config.CodebConfig;

/**
 * Caddy's admin API over the reactive Vert.x web client: read the owned server's routes, send one {@link CaddyRoutes.Op}.
 * Each call has its own short timeout, so that a whole sync stays within the 2 s an answer waits for it.
 */
@ApplicationScoped
class CaddyAdmin {

    static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);

    /** Caddy answered something other than success, or not at all; the message is what the sync reports. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Optional<String> base;
    private final String server;
    private final WebClient client;

    CaddyAdmin(Vertx vertx, CodebConfig config) {
        this.base = config.caddy().adminUrl();
        this.server = config.caddy().server();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) CALL_TIMEOUT.toMillis())
                .setFollowRedirects(false).setUserAgent("CodeB-Edge/1").setKeepAlive(true).setMaxPoolSize(2));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    boolean enabled() {
        return base.isPresent();
    }

    String server() {
        return server;
    }

    /** The server's routes; null when it has none yet. Fails when the server does not exist or Caddy does not answer. */
    Uni<JsonArray> routes() {
        return call(HttpMethod.GET, "/config/apps/http/servers/" + server + "/routes", null).map(r -> {
            String text = r.bodyAsString();
            if (text == null || text.isBlank() || text.trim().equals("null")) {
                return null;
            }
            Object parsed = Json.parse(text);
            if (!(parsed instanceof JsonArray routes)) {
                throw new Failure("Caddy answered routes that are not a JSON array");
            }
            return routes;
        });
    }

    Uni<Void> send(CaddyRoutes.Op op) {
        return call(HttpMethod.valueOf(op.method()), op.path(), op.body()).replaceWithVoid();
    }

    private Uni<HttpResponse<Buffer>> call(HttpMethod method, String path, Object body) {
        var request = client.requestAbs(method, base.orElseThrow() + path).timeout(CALL_TIMEOUT.toMillis());
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send()
                : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body.toString()));
        return sent.ifNoItem().after(CALL_TIMEOUT.plusMillis(100)).failWith(() -> new Failure("Caddy did not answer " + method + " " + path
                        + " within " + CALL_TIMEOUT.toMillis() + " ms"))
                .onFailure(e -> !(e instanceof Failure)).transform(e -> new Failure("Caddy's admin API is unreachable: " + describe(e)))
                .map(r -> {
                    if (r.statusCode() / 100 != 2) {
                        throw new Failure("Caddy refused " + method + " " + path + " with " + r.statusCode() + errorOf(r));
                    }
                    return r;
                });
    }

    private static String errorOf(HttpResponse<Buffer> r) {
        try {
            Object parsed = Json.parse(r.bodyAsString());
            if (parsed instanceof JsonObject o && o.getValue("error") instanceof String error) {
                return ": " + (error.length() > 300 ? error.substring(0, 300) : error);
            }
        } catch (RuntimeException ignored) {
            // no readable error: the status says enough
        }
        return "";
    }

    private static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** Parses JSON text of any kind (object, array, null). */
    static final class Json {
        private Json() {
        }

        static Object parse(String text) {
            return io.vertx.core.json.Json.decodeValue(text == null ? "null" : text);
        }
    }
}
