package kr.codeb.control.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.CurrentCaller;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;

/**
 * Writes the audit row of the current request. Mutations call {@link #recordInTransaction} inside their
 * own transaction, so a committed change always has its row and a rolled-back one has none.
 */
@ApplicationScoped
public class AuditLog {

    private final Db db;
    private final AuditContext context;
    private final CurrentCaller caller;

    AuditLog(Db db, AuditContext context, CurrentCaller caller) {
        this.db = db;
        this.context = context;
        this.caller = caller;
    }

    /**
     * Inserts the row of an action the service took by itself (sweeps, journal replay), in the
     * transaction {@code conn} of that action; the actor is {@code system}.
     */
    public Uni<Void> recordSystem(SqlConnection conn, String action, String resource, String resourceId, String projectName,
            java.util.Map<String, Object> params) {
        return db.query(conn, "audit.insert_system", "INSERT INTO audit_logs (id, team_id, user_id, action, resource, resource_id,"
                        + " params, success, duration) VALUES ($1, (SELECT team_id FROM projects WHERE name = $2), 'system', $3, $4, $5, $6, true, 0)",
                        Tuple.tuple(Arrays.asList(Ids.newId("aud"), projectName, action, resource, resourceId,
                                params == null ? null : new JsonObject(params))))
                .replaceWithVoid();
    }

    /** Inserts the success row of the current request on {@code conn} and marks the request recorded. */
    public Uni<Void> recordInTransaction(SqlConnection conn) {
        Caller c = caller.get();
        String action = context.action() == null ? "unknown" : context.action().auditName();
        String resource = context.action() == null ? null : context.action().resource();
        long ms = (System.nanoTime() - context.startNanos()) / 1_000_000;
        return db.query(conn, "audit.insert_in_tx", "INSERT INTO audit_logs (id, team_id, key_id, user_id, role, action,"
                        + " resource, resource_id, params, success, duration) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,true,$10)",
                        Tuple.tuple(Arrays.asList(Ids.newId("aud"), context.teamId() != null ? context.teamId() : c.teamId(),
                                c.keyId(), c.name(), c.role().wire(), action, resource, context.resourceId(),
                                context.params() == null ? null : JsonObject.mapFrom(context.params()), (int) ms)))
                .invoke(context::markRecorded)
                .replaceWithVoid();
    }
}
