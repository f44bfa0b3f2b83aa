package kr.codeb.control.audit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every {@code /api/**} call its audit row: captures the start time and the client before authentication,
 * and on the way out queues the row of every request a mutation did not already record in its transaction
 * (reads, and every rejection: 401 and 429 from the pre-matching auth filter, 403, 404, other 4xx, 5xx).
 */
public class AuditHttpFilter {

    private final AuditContext context;
    private final AuditLog audit;

    AuditHttpFilter(AuditContext context, AuditLog audit) {
        this.context = context;
        this.audit = audit;
    }

    /** Runs before the authentication filter, so that a rejected key still has a start time and a client. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void capture(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!isApi(path)) {
            return;
        }
        context.start(System.nanoTime());
        Map<String, List<String>> query = new LinkedHashMap<>(request.getUriInfo().getQueryParameters());
        context.request(request.getMethod(), path, AuditLog.clientIp(http.remoteAddress()),
                request.getHeaderString("User-Agent"), query);
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isApi(request.getUriInfo().getPath())) {
            return;
        }
        int status = response.getStatus();
        if (context.recorded() && status < 400) {
            return;
        }
        if (context.path() == null) {
            // the capture filter did not run (cannot happen under /api): record what is known now
            context.request(request.getMethod(), request.getUriInfo().getPath(), null,
                    request.getHeaderString("User-Agent"), Map.of());
        }
        audit.recordResponse(status, status >= 400 ? detail(response.getEntity(), status) : null);
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** The problem's {@code detail}, else the entity's text, else the status alone. */
    static String detail(Object entity, int status) {
        if (entity instanceof Map<?, ?> problem && problem.get("detail") != null) {
            return problem.get("detail").toString();
        }
        if (entity instanceof String text && !text.isBlank()) {
            return text;
        }
        return "HTTP " + status;
    }
}
