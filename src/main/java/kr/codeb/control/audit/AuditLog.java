package kr.codeb.control.audit;

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.CurrentCaller;
import kr.codeb.control.common.Ids;

/**
 * Writes the audit row of the current request. Mutations call {@link #recordInTransaction} inside their
 * own transaction, so a committed change always has its row and a rolled-back one has none; every other
 * request gets its row from the response filter, through the batching {@link AuditWriter}.
 */
@ApplicationScoped
public class AuditLog {

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
    private final AuditContext context;
    private final CurrentCaller caller;

    AuditLog(AuditRepository repository, AuditWriter writer, Redactor redactor, AuditContext context, CurrentCaller caller) {
        this.repository = repository;
        this.writer = writer;
        this.redactor = redactor;
        this.context = context;
        this.caller = caller;
    }

    /**
     * Inserts the success row of the current request on {@code conn} and marks the request recorded. The row is built
     * when the returned Uni is subscribed: set {@code resourceId}/{@code params} on the {@link AuditContext} before.
     */
    public Uni<Void> recordInTransaction(SqlConnection conn) {
        AuditContext request;
        Caller c;
        try {
            // the request's own instances, not the proxies: what follows may run on a database callback
            request = ClientProxy.unwrap(context);
            c = caller.isPresent() ? caller.get() : null;
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> repository.insert(conn, List.of(row(request, c, 200, null))))
                .invoke(request::markRecorded)
                .replaceWithVoid();
    }

    /**
     * Inserts the row of an action the service took by itself (a sweep) in the transaction {@code conn} of
     * that action, for the team {@code teamId}. The actor is {@code system}.
     */
    public Uni<Void> recordSystem(SqlConnection conn, String action, String resource, String resourceId, String teamId,
            java.util.Map<String, Object> params) {
        return recordAs(conn, teamId, null, "system", "system", action, resource, resourceId, params, true, null);
    }

    /** Inserts a row on behalf of a caller who is not the current request (a replayed journal entry). */
    public Uni<Void> recordAs(SqlConnection conn, String teamId, String keyId, String userId, String role, String action,
            String resource, String resourceId, java.util.Map<String, Object> params, boolean success, String error) {
        return repository.insert(conn, List.of(new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), teamId, keyId, userId,
                        role, action, resource, resourceId, redactor.params(params, null), success, 0, null, null, error)))
                .replaceWithVoid();
    }

    /**
     * Queues the row of the current request as answered with {@code status} ({@code error}: the problem's detail).
     * A failure row reuses the id of an in-transaction row, so it is stored only if that transaction rolled back.
     */
    public void recordResponse(int status, String error) {
        writer.enqueue(row(context, caller.isPresent() ? caller.get() : null, status, status >= 400 ? error : null));
    }

    /**
     * Queues the row of an {@code /api} request the HTTP layer answered before any filter or resource ran (a body,
     * target or headers over their size limit): nothing is known of its caller, so only the request itself is recorded.
     */
    public void recordEdgeRejection(String method, String path, String ip, String userAgent, int status, String error) {
        writer.enqueue(new AuditRow(Ids.newId("aud"), OffsetDateTime.now(ZoneOffset.UTC), null, null, null, null,
                unroutedAction(status, method), path, null, null, false, null, ip, userAgent, error));
    }

    private AuditRow row(AuditContext request, Caller c, int status, String error) {
        String action;
        String resource;
        if (request.action() != null) {
            action = request.action().auditName();
            resource = request.action().resource();
        } else {
            action = unroutedAction(status, request.method());
            resource = request.path();
        }
        String teamId = request.teamId() != null ? request.teamId() : c == null ? null : c.teamId();
        String role = c == null ? null : c.system() ? "system" : c.role().wire();
        long ms = (System.nanoTime() - request.startNanos()) / 1_000_000;
        return new AuditRow(request.rowId(), request.rowTimestamp(), teamId, c == null ? null : c.keyId(),
                c == null ? null : c.name(), role, action, resource, request.resourceId(),
                redactor.params(request.params(), request.query()), status < 400,
                (int) Math.min(Integer.MAX_VALUE, ms), request.ip(), request.userAgent(), error);
    }

    /**
     * The client's address as the HTTP layer resolved it. X-Forwarded-For/Forwarded are honoured only when
     * proxy forwarding is switched on ({@code quarkus.http.proxy.*}, for a trusted reverse proxy); otherwise a
     * client could write any address into the audit log.
     */
    public static String clientIp(SocketAddress peer) {
        return peer == null ? null : peer.hostAddress();
    }

    /** The action of a request that never reached a resource's permission check. */
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
