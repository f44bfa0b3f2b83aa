package kr.codeb.control.webhook;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.db.TxOutbox;
import kr.codeb.control.common.events.ChangeEvent;

/**
 * Writes a transaction's events to the outbox, in that transaction: each gets the next {@code seq} of its project
 * environment, and, when anyone is to receive it, an event row with its exact body and one delivery per subscribed
 * webhook and per Slack/Discord URL of the team. After the commit the sender is woken.
 */
@ApplicationScoped
public class OutboxWriter implements TxOutbox {

    /** A recipient of one event: a webhook, or a notification channel with its URL and body. */
    private record Recipient(String webhookId, String channel, String url, String body) {
    }

    private final Db db;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final Targets targets;
    private final DeliveryWorker worker;

    OutboxWriter(Db db, WebhookRepository webhooks, DeliveryRepository deliveries, Targets targets, DeliveryWorker worker) {
        this.db = db;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.targets = targets;
        this.worker = worker;
    }

    @Override
    public Uni<Void> write(Tx tx, List<ChangeEvent> events) {
        SqlConnection conn = tx.conn();
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(e -> writeOne(conn, e)).collect().asList()
                .invoke(written -> {
                    if (written.contains(Boolean.TRUE)) {
                        tx.afterCommit(worker::wake);
                    }
                })
                .replaceWithVoid();
    }

    /** Answers whether anything was queued. */
    private Uni<Boolean> writeOne(SqlConnection conn, ChangeEvent e) {
        if (e.teamId() == null) {
            // an event of a project without a team (legacy rows) has nobody to go to
            return Uni.createFrom().item(false);
        }
        Uni<Long> seq = e.projectName() != null && e.environment() != null ? deliveries.nextSeq(conn, e.projectName(), e.environment())
                : Uni.createFrom().nullItem();
        return seq.chain(n -> recipients(conn, e).chain(to -> {
            if (to.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            String eventId = Ids.newId("evt");
            Uni<Void> chain = deliveries.insertEvent(conn, eventId, e.teamId(), e.type(), e.projectName(), e.environment(), n, body(e, n));
            for (Recipient r : to) {
                chain = chain.chain(() -> deliveries.insertDelivery(conn, Ids.newId("whd"), eventId, e.teamId(), r.webhookId(), r.channel(),
                        r.url(), r.body()));
            }
            return chain.replaceWith(true);
        }));
    }

    private Uni<List<Recipient>> recipients(SqlConnection conn, ChangeEvent e) {
        return webhooks.subscribers(conn, e.teamId(), e.type()).chain(ids -> {
            List<Recipient> out = new ArrayList<>();
            ids.forEach(id -> out.add(new Recipient(id, "webhook", null, null)));
            if (!EventTypes.notifiesTeam(e.type())) {
                return Uni.createFrom().item(out);
            }
            return db.query(conn, "webhook.team_notifications", "SELECT settings -> 'notifications' ->> 'slack' AS slack,"
                            + " settings -> 'notifications' ->> 'discord' AS discord FROM teams WHERE id = $1", Tuple.of(e.teamId()))
                    .map(rows -> {
                        if (rows.iterator().hasNext()) {
                            var row = rows.iterator().next();
                            notification(out, Notifications.SLACK, row.getString("slack"), e);
                            notification(out, Notifications.DISCORD, row.getString("discord"), e);
                        }
                        return out;
                    });
        });
    }

    private void notification(List<Recipient> out, String channel, String url, ChangeEvent e) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            targets.parse(url);
        } catch (TargetRules.Refused notAUrl) {
            // settings are free-form: a value that is no usable URL is not a channel (the address rules run again at send)
            return;
        }
        out.add(new Recipient(null, channel, url.trim(), channel.equals(Notifications.SLACK) ? Notifications.slack(e) : Notifications.discord(e)));
    }

    /** The body of SPEC §10: {@code {"type", "timestamp", "data": {teamId, projectName?, environment?, …, actor, seq?}}}. */
    static String body(ChangeEvent e, Long seq) {
        JsonObject data = new JsonObject().put("teamId", e.teamId());
        if (e.projectName() != null) {
            data.put("projectName", e.projectName());
        }
        if (e.environment() != null) {
            data.put("environment", e.environment());
        }
        e.data().forEach(data::put);
        data.put("actor", e.actor());
        if (seq != null) {
            data.put("seq", seq);
        }
        return new JsonObject().put("type", e.type()).put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("data", data).encode();
    }
}
