package kr.codeb.control.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.CurrentCaller;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.web.EdgeRejections;
import kr.codeb.control.common.web.HttpEdge;

/**
 * Writes audit rows. A change writes its row with {@link #write} inside its own transaction, so a committed change
 * always has its row and a rolled-back one has none; every other request gets its row from {@link AuditHttpFilter},
 * through the batching {@link AuditWriter}.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class AuditLog implements EdgeRejections {

    /** Action of a request rejected for a missing, unknown, revoked or expired key. */
    public static final String AUTH_REJECTED = "auth.rejected";
    /** Action of a request rejected by the key's rate limit. */
    public static final String RATE_LIMITED = "auth.rate_limited";
    /** Action of a request for a path no resource serves. */
    public static final String ROUTE_UNKNOWN = "route.unknown";
    /** Action of a request whose body was over the size limit. */
    public static final String BODY_TOO_LARGE = "request.too_large";
    /** Action of a request whose target (path and query) was over the length limit. */
    public static final String URI_TOO_LONG = "request.uri_too_long";
    /** Action of a request whose headers were over the size limit. */
    public static final String HEADERS_TOO_LARGE = "request.headers_too_large";

    private final AuditRepository repository;
    private final AuditWriter writer;
    private final Redactor redactor;
    private final RequestAudit request;
    private final CurrentCaller caller;

    AuditLog(AuditRepository repository, AuditWriter writer, Redactor redactor, RequestAudit request, CurrentCaller caller) {
        this.repository = repository;
        this.writer = writer;
        this.redactor = redactor;
        this.request = request;
        this.caller = caller;
    }

    /**
     * Inserts the success row of {@code record}, done by {@code actor}, on {@code conn} (the change's transaction). When
     * the actor is a request's caller, the row is that request's and the response adds no second one.
     */
    public Uni<Void> write(SqlConnection conn, Actor actor, AuditRecord record) {
        return Uni.createFrom().deferred(() -> repository.insert(conn, List.of(row(actor, record, true, null))))
                .invoke(() -> {
                    if (actor.request() != null) {
                        actor.request().markRecorded();
                    }
                })
                .replaceWithVoid();
    }

    /** Inserts a failure row on {@code conn}: an action of {@code actor} that was refused after the fact (a stale journal entry). */
    public Uni<Void> writeRefused(SqlConnection conn, Actor actor, AuditRecord record, String error) {
        return repository.insert(conn, List.of(row(actor, record, false, error))).replaceWithVoid();
    }

    /**
     * Queues the row of the current request as answered with {@code status} ({@code error}: the problem's detail): what
     * it attempted, or, when it never reached a permission check, an action named for its status.
     */
    public void recordResponse(int status, String error) {
        RequestFacts facts = request.facts();
        Caller c = caller.isPresent() ? caller.get() : null;
        AuditRecord attempt = facts.attempt();
        if (attempt == null) {
            attempt = new AuditRecord(unroutedAction(status, facts.method()), facts.path(), null, null, null);
        }
        if (attempt.teamId() == null && c != null) {
            attempt = attempt.team(c.teamId());
        }
        Actor actor = c == null ? new Actor(null, null, null, facts) : Actor.of(c, facts);
        AuditRow row = row(actor, attempt, status < 400, status >= 400 ? error : null);
        // a request whose change wrote its row in its transaction: that row wins if the transaction committed
        if (facts.recorded()) {
            writer.enqueueGivingWay(row);
        } else {
            writer.enqueue(row);
        }
    }

    /**
     * Queues the success row of a read answered from memory below the REST layer: the row {@link #recordResponse} writes
     * for the same request once {@link Gate#enter} has passed {@code action} on {@code resourceId} of {@code teamId}.
     */
    public void recordRead(Caller caller, Action action, String teamId, String resourceId, long startNanos,
            HttpServerRequest http, String path) {
        RequestFacts facts = new RequestFacts(startNanos, http.method().name(), path, HttpEdge.clientIp(http.remoteAddress()),
                http.getHeader("User-Agent"), Map.of());
        AuditRecord record = new AuditRecord(action.auditName(), action.resource(), resourceId, teamId, null);
        writer.enqueue(row(Actor.of(caller, facts), record, true, null));
    }

    /** An {@code /api} request the HTTP edge answered by itself: nothing is known of its caller, only the request. */
    @Override
    public void rejected(String method, String path, String ip, String userAgent, int status, String detail) {
        writer.enqueue(new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), null, null, null, null,
                unroutedAction(status, method), path, null, null, false, null, ip, userAgent, detail));
    }

    private AuditRow row(Actor actor, AuditRecord record, boolean success, String error) {
        RequestFacts facts = actor.request();
        if (facts == null) {
            return new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), record.teamId(), actor.keyId(), actor.name(),
                    actor.role(), record.action(), record.resource(), record.resourceId(), redactor.params(record.params(), null),
                    success, 0, null, null, error);
        }
        return new AuditRow(facts.rowId(), facts.rowTimestamp(), record.teamId(), actor.keyId(), actor.name(), actor.role(),
                record.action(), record.resource(), record.resourceId(), redactor.params(record.params(), facts.query()), success,
                facts.elapsedMs(), facts.ip(), facts.userAgent(), error);
    }

    /** The action of a request that never reached a permission check. */
    static String unroutedAction(int status, String method) {
        return switch (status) {
            case 401 -> AUTH_REJECTED;
            case 429 -> RATE_LIMITED;
            case 404 -> ROUTE_UNKNOWN;
            case 413 -> BODY_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 431 -> HEADERS_TOO_LARGE;
            default -> "http." + (method == null ? "unknown" : method.toLowerCase(Locale.ROOT));
        };
    }
}
