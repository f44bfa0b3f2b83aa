package kr.codeb.control.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.Ids;

/**
 * What one {@code /api} request is, for its audit row: what the HTTP layer saw (method, path, client, start), what it
 * attempted (the {@link AuditRecord} of its permission check, refined by the change it asked for), and whether that
 * change already wrote the row in its own transaction. A plain object, handed along inside a {@link Grant}, so that code
 * running on a database callback never needs the request-scoped bean.
 */
public final class RequestFacts {

    private final long startNanos;
    private final String method;
    private final String path;
    private final String ip;
    private final String userAgent;
    private final Map<String, List<String>> query;
    private final String rowId = Ids.newId("aud");
    private final OffsetDateTime rowTimestamp = OffsetDateTime.now(ZoneOffset.UTC);
    private volatile AuditRecord attempt;
    private volatile boolean recorded;

    RequestFacts(long startNanos, String method, String path, String ip, String userAgent, Map<String, List<String>> query) {
        this.startNanos = startNanos;
        this.method = method;
        this.path = path;
        this.ip = ip;
        this.userAgent = userAgent;
        this.query = query == null ? Map.of() : Map.copyOf(query);
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

    /** The query parameters: the params of a row whose record has none. */
    public Map<String, List<String>> query() {
        return query;
    }

    int elapsedMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * The id and timestamp of this request's row, fixed when the request began: a failure row written after a rolled-back
     * transaction reuses them, so it can never duplicate a committed in-transaction row.
     */
    String rowId() {
        return rowId;
    }

    OffsetDateTime rowTimestamp() {
        return rowTimestamp;
    }

    /** What the request attempted, as last described; null before its permission check. */
    public AuditRecord attempt() {
        return attempt;
    }

    void attempt(AuditRecord record) {
        this.attempt = record;
    }

    boolean recorded() {
        return recorded;
    }

    void markRecorded() {
        this.recorded = true;
    }
}
