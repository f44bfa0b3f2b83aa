package kr.codeb.control.gate;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import kr.codeb.control.common.config.CodebConfig;

/**
 * One HTTP health check of a slot: {@code GET http://CODEB_UPSTREAM_HOST:<port><path>}, a pass being a 2xx within the
 * timeout. Non-blocking, with at most {@link #MAX_IN_FLIGHT} checks open at once (SPEC §12); a check over that bound is not
 * sent and counts as not run, so a slow fleet slows the probing instead of piling up connections.
 */
@ApplicationScoped
public class ProbeClient {

    static final int MAX_IN_FLIGHT = 32;

    /** What one check saw: passed or not, and a short human description (status code, timeout, refused). */
    public record Outcome(boolean ok, String detail) {
    }

    private final WebClient client;
    private final String host;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MeterRegistry meters;

    ProbeClient(Vertx vertx, CodebConfig config, MeterRegistry meters) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(false)
                .setUserAgent("codeb-prober").setConnectTimeout(5_000));
        this.host = config.upstreamHost();
        this.meters = meters;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Checks {@code port}{@code path}; null when {@link #MAX_IN_FLIGHT} checks are already open. */
    public Uni<Outcome> check(int port, String path, int timeoutMs) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            meters.counter("codeb.health.probes", "result", "skipped").increment();
            return Uni.createFrom().nullItem();
        }
        return client.get(port, host, path).timeout(timeoutMs).connectTimeout(timeoutMs).send()
                .map(r -> r.statusCode() >= 200 && r.statusCode() < 300 ? new Outcome(true, "HTTP " + r.statusCode())
                        : new Outcome(false, "HTTP " + r.statusCode()))
                .onFailure().recoverWithItem(e -> new Outcome(false, describe(e, timeoutMs)))
                .invoke(o -> meters.counter("codeb.health.probes", "result", o.ok() ? "pass" : "fail").increment())
                .eventually(inFlight::decrementAndGet);
    }

    private static String describe(Throwable e, int timeoutMs) {
        if (e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout")) {
            return "no answer within " + timeoutMs + " ms";
        }
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 200 ? m.substring(0, 200) : m;
    }
}
