package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.webhook.WebhookBodies.CreatedWebhook;
import kr.codeb.control.webhook.WebhookBodies.NewWebhook;
import kr.codeb.control.webhook.WebhookBodies.Queued;
import kr.codeb.control.webhook.WebhookBodies.RotatedSecret;
import kr.codeb.control.webhook.WebhookBodies.WebhookPatch;

/**
 * Webhook changes, each one audited transaction whose audit row never holds a secret: create (the secret is made here
 * and answered once), change, delete, rotate (the old secret signs beside the new one for {@link #OVERLAP}), ping and
 * redeliver (queued like any event, the sender woken after the commit). Targets are checked before anything is written.
 */
@ApplicationScoped
public class WebhookService {

    static final Duration OVERLAP = Duration.ofHours(24);

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final WebhookSecrets secrets;
    private final Targets targets;
    private final Audited audited;
    private final DeliveryWorker worker;

    WebhookService(WebhookRepository webhooks, DeliveryRepository deliveries, WebhookSecrets secrets, Targets targets, Audited audited,
            DeliveryWorker worker) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.targets = targets;
        this.audited = audited;
        this.worker = worker;
    }

    public Uni<CreatedWebhook> create(Grant grant, String team, NewWebhook body) {
        String id = Ids.newId("wh");
        String secret = WebhookSecrets.generate();
        String url = body.url().trim();
        return checked(url).chain(() -> secrets.cipher()).chain(k -> audited.change(grant, id, body, tx -> webhooks.insert(tx.conn(), id,
                        team, url, List.copyOf(body.events()), body.description(), body.enabled() == null || body.enabled(),
                        WebhookSecrets.seal(k, id, secret), grant.caller().name())))
                .map(created -> new CreatedWebhook(created, secret));
    }

    public Uni<Webhook> update(Grant grant, String team, String id, WebhookPatch body) {
        String url = body.url() == null ? null : body.url().trim();
        return (url == null ? Uni.createFrom().voidItem() : checked(url)).chain(() -> audited.change(grant, id, body,
                tx -> webhooks.update(tx.conn(), team, id, body, url).onItem().ifNull().failWith(() -> notFound(id))
                        .call(w -> Boolean.FALSE.equals(body.enabled())
                                ? webhooks.failPending(tx.conn(), id, "not sent: the webhook was disabled")
                                : Uni.createFrom().voidItem())));
    }

    public Uni<Void> delete(Grant grant, String team, String id) {
        return audited.change(grant, id, null, tx -> webhooks.delete(tx.conn(), team, id).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        })).replaceWithVoid();
    }

    /** A new secret; the one it replaces keeps signing, beside it, for {@link #OVERLAP} (one before that stops at once). */
    public Uni<RotatedSecret> rotate(Grant grant, String team, String id) {
        String secret = WebhookSecrets.generate();
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(OVERLAP);
        return secrets.cipher().chain(k -> audited.change(grant, id, Map.of("previousSecretExpiresAt", until.toString()),
                        tx -> webhooks.lockSecrets(tx.conn(), team, id).onItem().ifNull().failWith(() -> notFound(id))
                                .chain(old -> webhooks.rotate(tx.conn(), id, WebhookSecrets.seal(k, id, secret), old.sealed(), until))))
                .map(v -> new RotatedSecret(id, secret, until.toInstant()));
    }

    /** Queues a {@code webhook.ping} to this webhook alone. */
    public Uni<Queued> ping(Grant grant, String team, String id) {
        String eventId = Ids.newId("evt");
        String deliveryId = Ids.newId("whd");
        return audited.change(grant, id, null, tx -> enabled(tx.conn(), team, id)
                .chain(() -> deliveries.insertEvent(tx.conn(), eventId, team, "webhook.ping", null, null, null,
                        OutboxWriter.body(ChangeEvent.of("webhook.ping", team, null, null, grant.caller().name(), "webhookId", id), null)))
                .chain(() -> deliveries.insertDelivery(tx.conn(), deliveryId, eventId, team, id, "webhook", null, null))
                .invoke(() -> tx.afterCommit(worker::wake)), q -> Map.of("deliveryId", deliveryId))
                .replaceWith(new Queued(deliveryId, eventId));
    }

    /** One more attempt of a delivery, with its event's id and body. */
    public Uni<Void> redeliver(Grant grant, String team, String id, String deliveryId) {
        return audited.change(grant, deliveryId, Map.of("webhookId", id), tx -> enabled(tx.conn(), team, id)
                .chain(() -> deliveries.redeliver(tx.conn(), id, deliveryId))
                .invoke(found -> {
                    if (!found) {
                        throw ApiException.notFound("No delivery " + kr.codeb.control.common.web.RequestParams.shown(deliveryId)
                                + " of this webhook");
                    }
                    tx.afterCommit(worker::wake);
                })).replaceWithVoid();
    }

    /** 404 unless the team has the webhook; 409 while it is disabled (nothing would be sent). */
    private Uni<Void> enabled(SqlConnection conn, String team, String id) {
        return webhooks.find(conn, team, id).onItem().ifNull().failWith(() -> notFound(id)).invoke(w -> {
            if (!w.enabled()) {
                throw ApiException.conflict("The webhook is disabled" + (w.disabledReason() == null ? "" : " (" + w.disabledReason() + ")")
                        + "; enable it with PATCH {\"enabled\": true} first");
            }
        }).replaceWithVoid();
    }

    /** The target rules at create and change: a 400 on {@code url} naming the rule it breaks. */
    private Uni<Void> checked(String url) {
        return targets.resolve(url).replaceWithVoid()
                .onFailure(TargetRules.Refused.class).transform(e -> ApiException.invalid("url", e.getMessage()));
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No webhook " + kr.codeb.control.common.web.RequestParams.shown(id) + " of this team");
    }
}
