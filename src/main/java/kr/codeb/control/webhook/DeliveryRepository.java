package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for {@code webhook_events} and {@code webhook_deliveries}: the outbox, the sender's claims and the delivery log. */
@ApplicationScoped
public class DeliveryRepository {

    /** A delivery claimed for one attempt: what to send where, and the attempt number it holds. */
    record Claimed(String id, String eventId, String type, String teamId, String webhookId, String channel, String url, String body,
            int attempts, Integer maxAttempts) {
    }

    /** What one attempt ends as. {@code status}: pending (retry at {@code next}), delivered or failed. */
    record Recorded(String status, OffsetDateTime next, Integer statusCode, String error, String response) {
    }

    private final Db db;

    DeliveryRepository(Db db) {
        this.db = db;
    }

    /** The next seq of a project environment; the row stays locked until the change's transaction ends. */
    public Uni<Long> nextSeq(SqlConnection conn, String project, String env) {
        return db.query(conn, "webhook.next_seq", "INSERT INTO webhook_sequences (project_name, environment, seq) VALUES ($1, $2, 1)"
                        + " ON CONFLICT (project_name, environment) DO UPDATE SET seq = webhook_sequences.seq + 1 RETURNING seq",
                        Tuple.of(project, env))
                .map(rows -> rows.iterator().next().getLong("seq"));
    }

    public Uni<Void> insertEvent(SqlConnection conn, String id, String team, String type, String project, String env, Long seq,
            String body) {
        return db.query(conn, "webhook.insert_event", "INSERT INTO webhook_events (id, team_id, type, project_name, environment, seq, body)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)", Tuple.tuple(Arrays.asList(id, team, type, project, env, seq, body))).replaceWithVoid();
    }

    /** Queues one delivery, due now: to a webhook ({@code url} and {@code body} null) or a notification channel. */
    public Uni<Void> insertDelivery(SqlConnection conn, String id, String eventId, String team, String webhookId, String channel,
            String url, String body) {
        return db.query(conn, "webhook.insert_delivery", "INSERT INTO webhook_deliveries (id, event_id, team_id, webhook_id, channel,"
                        + " target_url, body, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NOW())",
                Tuple.tuple(Arrays.asList(id, eventId, team, webhookId, channel, url, body))).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due deliveries for one attempt each: counts the attempt and pushes the due time out by
     * {@code lease}, so a sender that dies mid-send leaves it to be claimed again once the lease lapses (same event id:
     * at most a duplicate, never a loss). Rows another replica holds are skipped, not waited for.
     */
    public Uni<List<Claimed>> claim(int limit, Duration lease) {
        return db.query("webhook.claim", "WITH due AS (SELECT d.id, e.type, COALESCE(w.url, d.target_url) AS url,"
                        + " COALESCE(d.body, e.body) AS payload FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id"
                        + " LEFT JOIN webhooks w ON w.id = d.webhook_id"
                        + " WHERE d.status = 'pending' AND d.next_attempt_at <= NOW() AND (d.webhook_id IS NULL OR w.enabled)"
                        + " ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)"
                        + " UPDATE webhook_deliveries d SET attempts = d.attempts + 1, last_attempt_at = NOW(),"
                        + " next_attempt_at = NOW() + make_interval(secs => $2) FROM due WHERE d.id = due.id"
                        + " RETURNING d.id, d.event_id, due.type, d.team_id, d.webhook_id, d.channel, due.url, due.payload, d.attempts,"
                        + " d.max_attempts", Tuple.of(limit, (double) lease.toSeconds()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Claimed(r.getString("id"), r.getString("event_id"),
                        r.getString("type"), r.getString("team_id"), r.getString("webhook_id"), r.getString("channel"), r.getString("url"),
                        r.getString("payload"), r.getInteger("attempts"), r.getInteger("max_attempts"))).toList());
    }

    /**
     * Records the outcome of attempt {@code attempt}; false when the delivery moved on meanwhile (re-claimed after its
     * lease lapsed, or redelivered), whose newer state then stands.
     */
    public Uni<Boolean> record(SqlConnection conn, String id, int attempt, Recorded r) {
        return db.query(conn, "webhook.record", "UPDATE webhook_deliveries SET status = $3::text, next_attempt_at = $4, last_status_code = $5,"
                        + " last_error = $6, last_response = $7, delivered_at = CASE WHEN $3::text = 'delivered' THEN NOW() ELSE delivered_at END"
                        + " WHERE id = $1 AND attempts = $2 AND status = 'pending'",
                        Tuple.tuple(Arrays.asList(id, attempt, r.status(), r.next(), r.statusCode(), r.error(), r.response())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** A webhook's deliveries, newest first, after {@code beforeId}, optionally of one status and one event type. */
    public Uni<List<Delivery>> list(String webhookId, String status, String event, String beforeId, int limit) {
        return db.query("webhook.deliveries", "SELECT " + Delivery.COLUMNS + " FROM webhook_deliveries d JOIN webhook_events e"
                        + " ON e.id = d.event_id WHERE d.webhook_id = $1 AND ($2::text IS NULL OR d.status = $2)"
                        + " AND ($3::text IS NULL OR e.type = $3) AND ($4::text IS NULL OR d.id < $4) ORDER BY d.id DESC LIMIT $5",
                        Tuple.tuple(Arrays.asList(webhookId, status, event, beforeId, limit)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Delivery::from).toList());
    }

    /** One delivery of webhook {@code webhookId} with its body and last answer; null when it has none of that id. */
    public Uni<Delivery.Detail> find(String webhookId, String id) {
        return db.query("webhook.delivery", "SELECT " + Delivery.COLUMNS + ", COALESCE(d.body, e.body) AS payload, d.last_response"
                        + " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.webhook_id = $1 AND d.id = $2",
                        Tuple.of(webhookId, id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Delivery.Detail(Delivery.from(r), r.getString("payload"), r.getString("last_response"));
                });
    }

    /** Makes the delivery due now for exactly one more attempt (same event id); false when webhook {@code webhookId} has no such one. */
    public Uni<Boolean> redeliver(SqlConnection conn, String webhookId, String id) {
        return db.query(conn, "webhook.redeliver", "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NOW(),"
                        + " max_attempts = attempts + 1 WHERE webhook_id = $1 AND id = $2", Tuple.of(webhookId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** How many deliveries wait to be sent (the outbox gauge). */
    public Uni<Long> pending() {
        return db.query("webhook.pending", "SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'", Tuple.tuple())
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Deletes up to {@code batch} finished deliveries created before {@code cutoff}; answers how many. */
    public Uni<Integer> deleteOld(OffsetDateTime cutoff, int batch) {
        return db.query("webhook.retention_deliveries", "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries"
                        + " WHERE created_at < $1 AND status <> 'pending' LIMIT $2)", Tuple.of(cutoff, batch))
                .map(rows -> rows.rowCount());
    }

    /** Deletes up to {@code batch} events before {@code cutoff} that no delivery refers to any more; answers how many. */
    public Uni<Integer> deleteOrphanEvents(OffsetDateTime cutoff, int batch) {
        return db.query("webhook.retention_events", "DELETE FROM webhook_events WHERE id IN (SELECT e.id FROM webhook_events e"
                        + " WHERE e.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id) LIMIT $2)",
                        Tuple.of(cutoff, batch))
                .map(rows -> rows.rowCount());
    }
}
