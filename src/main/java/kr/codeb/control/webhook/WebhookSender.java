package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Sends one attempt over the reactive Vert.x web client: to the address {@link Targets} checked (never a fresh DNS
 * answer), redirects not followed, 10 s for the whole exchange, the first 4 KiB of the answer kept. Webhooks carry the
 * Standard Webhooks headers; Slack and Discord get their body alone.
 */
@ApplicationScoped
class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int KEPT_ANSWER_BYTES = 4096;

    private final WebClient client;

    WebhookSender(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setMaxRedirects(0)
                .setConnectTimeout((int) TIMEOUT.toMillis()).setUserAgent("CodeB-Webhooks/1").setVerifyHost(true).setTrustAll(false)
                .setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Posts {@code body} to {@code to}; {@code signatures} (empty for a notification) become {@code webhook-signature},
     * beside {@code webhook-id} = {@code messageId} and {@code webhook-timestamp} = {@code timestamp}.
     */
    Uni<Attempts.Result> post(Targets.Resolved to, String messageId, long timestamp, List<String> signatures, String body) {
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST,
                        SocketAddress.inetSocketAddress(to.target().port(), to.address().getHostAddress()), to.target().uri().toString())
                .followRedirects(false).timeout(TIMEOUT.toMillis()).putHeader("content-type", "application/json");
        if (!signatures.isEmpty()) {
            request.putHeader("webhook-id", messageId).putHeader("webhook-timestamp", String.valueOf(timestamp))
                    .putHeader("webhook-signature", String.join(" ", signatures));
        }
        return request.sendBuffer(Buffer.buffer(body))
                .ifNoItem().after(TIMEOUT).failWith(() -> new java.util.concurrent.TimeoutException("no answer within 10 s"))
                .map(response -> new Attempts.Result(response.statusCode(), response.getHeader("Retry-After"), null,
                        kept(response.body())))
                .onFailure().recoverWithItem(e -> Attempts.Result.noAnswer(describe(e)));
    }

    /** The first {@value #KEPT_ANSWER_BYTES} bytes of an answer as text PostgreSQL can store. */
    static String kept(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        byte[] bytes = body.getBytes(0, Math.min(body.length(), KEPT_ANSWER_BYTES));
        return new String(bytes, StandardCharsets.UTF_8).replace("\u0000", "");
    }

    private static String describe(Throwable e) {
        String kind = e instanceof java.util.concurrent.TimeoutException || e.getClass().getSimpleName().contains("Timeout")
                ? "timed out" : "no answer";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return kind + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
    }
}
