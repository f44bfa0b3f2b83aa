package kr.codeb.control.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Map;

/** The current request's {@link RequestFacts}, begun by {@link AuditHttpFilter} before authentication. */
@RequestScoped
public class RequestAudit {

    private RequestFacts facts;

    void begin(long startNanos, String method, String path, String ip, String userAgent, Map<String, List<String>> query) {
        facts = new RequestFacts(startNanos, method, path, ip, userAgent, query);
    }

    /** The facts of this request; outside {@code /api} (where the filter does not begin them) an empty set. */
    public RequestFacts facts() {
        if (facts == null) {
            facts = new RequestFacts(System.nanoTime(), null, null, null, null, Map.of());
        }
        return facts;
    }
}
