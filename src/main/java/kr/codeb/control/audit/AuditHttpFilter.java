package kr.codeb.control.audit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.web.HttpEdge;
import kr.codeb.control.common.web.RequestParams;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every {@code /api/**} call its audit row: captures the start time and the client before authentication,
 * and on the way out queues the row of every request a mutation did not already record in its transaction
 * (reads, and every rejection: 401 and 429 from the pre-matching auth filter, 403, 404, other 4xx, 5xx).
 */
public class AuditHttpFilter {

    private final RequestAudit request;
    private final AuditLog audit;

    AuditHttpFilter(RequestAudit request, AuditLog audit) {
        this.request = request;
        this.audit = audit;
    }

    /** Runs before the authentication filter, so that a rejected key still has a start time and a client. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void capture(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!RequestParams.isApi(path)) {
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>(request.getUriInfo().getQueryParameters());
        this.request.begin(System.nanoTime(), request.getMethod(), path, HttpEdge.clientIp(http.remoteAddress()),
                request.getHeaderString("User-Agent"), query);
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!RequestParams.isApi(request.getUriInfo().getPath())) {
            return;
        }
        int status = response.getStatus();
        if (this.request.facts().recorded() && status < 400) {
            return;
        }
        audit.recordResponse(status, status >= 400 ? detail(response.getEntity(), status) : null);
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
