package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for {@code promotions} and {@code promotion_approvals}. */
@ApplicationScoped
public class PromotionRepository {

    private static final String COLUMNS = "id, deployment_id, project_name, environment, requested_by, required, status, reason,"
            + " last_error, decided_by, created_at, decided_at, team_id, requested_key, prevent_self_approval";

    private final Db db;

    PromotionRepository(Db db) {
        this.db = db;
    }

    private static Promotion from(Row r) {
        return new Promotion(r.getString("id"), r.getString("deployment_id"), r.getString("project_name"), r.getString("environment"),
                r.getString("requested_by"), List.of(), r.getInteger("required"), r.getString("status"), r.getString("reason"),
                r.getString("last_error"), r.getString("decided_by"), r.getOffsetDateTime("created_at").toInstant(),
                instant(r.getOffsetDateTime("decided_at")), r.getString("team_id"), r.getString("requested_key"),
                r.getBoolean("prevent_self_approval"));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** The promotion {@code id} with its approvals, locked for the transaction when {@code lock}; null when there is none. */
    public Uni<Promotion> find(SqlClient client, String id, boolean lock) {
        return db.query(client, lock ? "promotion.lock" : "promotion.find", "SELECT " + COLUMNS + " FROM promotions WHERE id = $1"
                        + (lock ? " FOR UPDATE" : ""), Tuple.of(id))
                .chain(rows -> rows.iterator().hasNext() ? withApprovals(client, from(rows.iterator().next())) : Uni.createFrom().nullItem());
    }

    /** The open request of a project environment; null when none is open. */
    public Uni<Promotion> open(SqlClient client, String project, String env) {
        return db.query(client, "promotion.open", "SELECT " + COLUMNS + " FROM promotions WHERE project_name = $1 AND environment = $2"
                        + " AND status = 'pending'", Tuple.of(project, env))
                .chain(rows -> rows.iterator().hasNext() ? withApprovals(client, from(rows.iterator().next())) : Uni.createFrom().nullItem());
    }

    private Uni<Promotion> withApprovals(SqlClient client, Promotion p) {
        return db.query(client, "promotion.approvals", "SELECT approver, approved_at, approver_key FROM promotion_approvals"
                        + " WHERE promotion_id = $1 ORDER BY approved_at, approver_key", Tuple.of(p.id()))
                .map(rows -> p.withApprovals(StreamSupport.stream(rows.spliterator(), false)
                        .map(r -> new Promotion.Approval(r.getString("approver"), r.getOffsetDateTime("approved_at").toInstant(),
                                r.getString("approver_key"))).toList()));
    }

    public Uni<Promotion> insert(SqlClient conn, String id, String project, String env, String deploymentId, String teamId,
            String requestedBy, String requestedKey, int required, boolean preventSelf) {
        return db.query(conn, "promotion.insert", "INSERT INTO promotions (id, project_name, environment, deployment_id, team_id,"
                        + " requested_by, requested_key, required, prevent_self_approval) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " RETURNING " + COLUMNS,
                        Tuple.tuple(Arrays.asList(id, project, env, deploymentId, teamId, requestedBy, requestedKey, required, preventSelf)))
                .map(rows -> from(rows.iterator().next()));
    }

    /** Adds an approval; false when this key had already approved. */
    public Uni<Boolean> approve(SqlClient conn, String id, String by, String keyId) {
        return db.query(conn, "promotion.approve", "INSERT INTO promotion_approvals (promotion_id, approver, approver_key)"
                        + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", Tuple.of(id, by, keyId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Closes a pending request as {@code status}; false when it was no longer pending. */
    public Uni<Boolean> decide(SqlClient conn, String id, String status, String by, String reason) {
        return db.query(conn, "promotion.decide", "UPDATE promotions SET status = $2, decided_by = $3, reason = $4, decided_at = NOW(),"
                        + " last_error = NULL WHERE id = $1 AND status = 'pending'", Tuple.tuple(Arrays.asList(id, status, by, reason)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> failed(SqlClient client, String id, String error) {
        return db.query(client, "promotion.failed", "UPDATE promotions SET last_error = $2 WHERE id = $1 AND status = 'pending'",
                Tuple.of(id, error)).replaceWithVoid();
    }
}
