package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.webhook.WebhookBodies.WebhookPatch;

/** SQL for {@code webhooks}. Every query of a team's webhook names the team, so another team's id finds nothing. */
@ApplicationScoped
public class WebhookRepository {

    /** The encrypted secrets of one webhook: the current one, and the previous one while it still signs. */
    record Secrets(String sealed, String previousSealed, OffsetDateTime previousExpiresAt) {
    }

    private final Db db;

    WebhookRepository(Db db) {
        this.db = db;
    }

    /** Webhooks of {@code team} with an id after {@code afterId} (null: from the start), in id order. */
    public Uni<List<Webhook>> list(String team, String afterId, int limit) {
        return db.query("webhook.list", "SELECT " + Webhook.COLUMNS + " FROM webhooks WHERE team_id = $1 AND ($2::text IS NULL OR id > $2)"
                        + " ORDER BY id LIMIT $3", Tuple.of(team, afterId, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Webhook::from).toList());
    }

    public Uni<Webhook> find(SqlClient client, String team, String id) {
        return db.query(client, "webhook.find", "SELECT " + Webhook.COLUMNS + " FROM webhooks WHERE team_id = $1 AND id = $2",
                Tuple.of(team, id)).map(WebhookRepository::firstOrNull);
    }

    public Uni<Webhook> find(String team, String id) {
        return find(db.pool(), team, id);
    }

    public Uni<Webhook> insert(SqlConnection conn, String id, String team, String url, List<String> events, String description,
            boolean enabled, String sealedSecret, String by) {
        return db.query(conn, "webhook.insert", "INSERT INTO webhooks (id, team_id, url, events, description, enabled, secret, created_by)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + Webhook.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, team, url, events.toArray(String[]::new), description, enabled, sealedSecret, by)))
                .map(WebhookRepository::firstOrNull);
    }

    /**
     * Applies the non-null fields of {@code patch}; enabling clears what a disabling left (reason, time, failure streak),
     * disabling by hand stamps the time without a reason. Null when the team has no such webhook.
     */
    public Uni<Webhook> update(SqlConnection conn, String team, String id, WebhookPatch patch, String url) {
        String[] events = patch.events() == null ? null : patch.events().toArray(String[]::new);
        return db.query(conn, "webhook.update", "UPDATE webhooks SET url = COALESCE($3, url), events = COALESCE($4, events),"
                        + " description = COALESCE($5, description), enabled = COALESCE($6, enabled),"
                        + " disabled_reason = CASE WHEN $6::boolean THEN NULL ELSE disabled_reason END,"
                        + " disabled_at = CASE WHEN $6::boolean THEN NULL WHEN NOT $6::boolean AND enabled THEN NOW() ELSE disabled_at END,"
                        + " failing_since = CASE WHEN $6::boolean THEN NULL ELSE failing_since END"
                        + " WHERE team_id = $1 AND id = $2 RETURNING " + Webhook.COLUMNS,
                        Tuple.tuple(Arrays.asList(team, id, url, events, patch.description(), patch.enabled())))
                .map(WebhookRepository::firstOrNull);
    }

    public Uni<Boolean> delete(SqlConnection conn, String team, String id) {
        return db.query(conn, "webhook.delete", "DELETE FROM webhooks WHERE team_id = $1 AND id = $2", Tuple.of(team, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Locks the webhook and answers its secrets; null when the team has no such webhook. */
    public Uni<Secrets> lockSecrets(SqlConnection conn, String team, String id) {
        return db.query(conn, "webhook.lock_secrets", "SELECT secret, previous_secret, previous_secret_expires_at FROM webhooks"
                        + " WHERE team_id = $1 AND id = $2 FOR UPDATE", Tuple.of(team, id))
                .map(rows -> rows.iterator().hasNext() ? secrets(rows.iterator().next()) : null);
    }

    /** The secrets of a webhook, for signing a delivery; null when it no longer exists. */
    public Uni<Secrets> secrets(String id) {
        return db.query("webhook.secrets", "SELECT secret, previous_secret, previous_secret_expires_at FROM webhooks WHERE id = $1",
                Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? secrets(rows.iterator().next()) : null);
    }

    /** Makes {@code sealed} the secret; {@code previousSealed} signs beside it until {@code expires}. */
    public Uni<Void> rotate(SqlConnection conn, String id, String sealed, String previousSealed, OffsetDateTime expires) {
        return db.query(conn, "webhook.rotate", "UPDATE webhooks SET secret = $2, previous_secret = $3, previous_secret_expires_at = $4"
                + " WHERE id = $1", Tuple.of(id, sealed, previousSealed, expires)).replaceWithVoid();
    }

    /** The enabled webhooks of {@code team} subscribed to {@code type} (or to everything), in id order. */
    public Uni<List<String>> subscribers(SqlConnection conn, String team, String type) {
        return db.query(conn, "webhook.subscribers", "SELECT id FROM webhooks WHERE team_id = $1 AND enabled"
                        + " AND ($2 = ANY(events) OR '*' = ANY(events)) ORDER BY id", Tuple.of(team, type))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> r.getString("id")).toList());
    }

    /**
     * Disables an enabled webhook with {@code reason}, and fails its pending deliveries (a disabled receiver would get them
     * days late, if ever). Answers the team of the webhook, null when it was not enabled (disabled already, or gone).
     */
    public Uni<String> disable(SqlConnection conn, String id, String reason) {
        return db.query(conn, "webhook.disable", "UPDATE webhooks SET enabled = false, disabled_reason = $2, disabled_at = NOW()"
                        + " WHERE id = $1 AND enabled RETURNING team_id", Tuple.of(id, reason))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    String team = rows.iterator().next().getString("team_id");
                    return failPending(conn, id, "not sent: the webhook was disabled (" + reason + ")").replaceWith(team);
                });
    }

    /** Fails the pending deliveries of webhook {@code id} with {@code why}. */
    public Uni<Void> failPending(SqlConnection conn, String id, String why) {
        return db.query(conn, "webhook.fail_pending", "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL,"
                + " last_error = $2 WHERE webhook_id = $1 AND status = 'pending'", Tuple.of(id, why)).replaceWithVoid();
    }

    /** A delivered attempt ends the webhook's failure streak. */
    public Uni<Void> succeeded(SqlConnection conn, String id) {
        return db.query(conn, "webhook.succeeded", "UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL",
                Tuple.of(id)).replaceWithVoid();
    }

    /** Notes a failed attempt; answers whether every attempt has failed for at least {@code days} days. */
    public Uni<Boolean> failed(SqlConnection conn, String id, int days) {
        return db.query(conn, "webhook.failed", "UPDATE webhooks SET failing_since = COALESCE(failing_since, NOW()) WHERE id = $1"
                        + " RETURNING failing_since <= NOW() - make_interval(days => $2) AS expired", Tuple.of(id, days))
                .map(rows -> rows.iterator().hasNext() && Boolean.TRUE.equals(rows.iterator().next().getBoolean("expired")));
    }

    private static Secrets secrets(Row r) {
        return new Secrets(r.getString("secret"), r.getString("previous_secret"), r.getOffsetDateTime("previous_secret_expires_at"));
    }

    private static Webhook firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Webhook.from(rows.iterator().next()) : null;
    }
}
