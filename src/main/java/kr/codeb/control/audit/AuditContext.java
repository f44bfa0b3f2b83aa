package kr.codeb.control.audit;

import jakarta.enterprise.context.RequestScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Ids;

/**
 * What the current request is doing, for its audit row: the action (set by {@code Access.require}),
 * the resource it touched, its parameters (redacted when written), and whether a mutation already
 * wrote the row inside its own transaction.
 */
@RequestScoped
public class AuditContext {

    private long startNanos = System.nanoTime();
    private Action action;
    private String resourceId;
    private String teamId;
    private Object params;
    private boolean recorded;
    private String method;
    private String path;
    private String ip;
    private String userAgent;
    private Map<String, List<String>> query = Map.of();
    private String rowId;
    private OffsetDateTime rowTimestamp;

    public void start(long nanos) {
        this.startNanos = nanos;
    }

    public long startNanos() {
        return startNanos;
    }

    public void action(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }

    /** The id of the resource the request addresses (team id, project name, key id …). */
    public AuditContext resourceId(String resourceId) {
        this.resourceId = resourceId;
        return this;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The team the addressed resource belongs to, when known (system keys have none of their own). */
    public AuditContext teamId(String teamId) {
        this.teamId = teamId;
        return this;
    }

    public String teamId() {
        return teamId;
    }

    /** The request body or parameters; secrets are redacted when the row is written. */
    public AuditContext params(Object params) {
        this.params = params;
        return this;
    }

    public Object params() {
        return params;
    }

    /** Marks that the row was written in the mutation's transaction, so the response filter adds none. */
    public void markRecorded() {
        this.recorded = true;
    }

    public boolean recorded() {
        return recorded;
    }

    /** What the HTTP layer knows of the request, captured before authentication. */
    public void request(String method, String path, String ip, String userAgent, Map<String, List<String>> query) {
        this.method = method;
        this.path = path;
        this.ip = ip;
        this.userAgent = userAgent;
        this.query = query == null ? Map.of() : query;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String ip() {
        return ip;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The query parameters, recorded as params when the resource set no body. */
    public Map<String, List<String>> query() {
        return query;
    }

    /**
     * The id and timestamp of this request's row, fixed the first time they are asked for: a failure row written
     * after a rolled-back transaction reuses them, so it can never duplicate a committed in-transaction row.
     */
    String rowId() {
        if (rowId == null) {
            rowId = Ids.newId("aud");
            rowTimestamp = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return rowId;
    }

    OffsetDateTime rowTimestamp() {
        rowId();
        return rowTimestamp;
    }
}
