package kr.codeb.control.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.env.EnvCipher;
import org.jboss.logging.Logger;

/**
 * The sender: claims due deliveries ({@link DeliveryRepository#claim}, safe with any number of replicas), sends each
 * attempt outside any transaction, then records what it got — retry, delivered, failed, or the webhook disabled (410, or
 * every attempt failing for {@value #FAILING_DAYS} days: audited, and a {@code webhook.disabled} event to the team's other
 * webhooks). Polls every second and is woken at once by a commit that queued something.
 */
@ApplicationScoped
public class DeliveryWorker {

    static final int FAILING_DAYS = 5;
    private static final int BATCH = 20;
    private static final int PARALLEL = 8;
    // longer than an attempt can take (10 s), so a live sender always records before its claim lapses
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Db db;
    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebhookSecrets secrets;
    private final Targets targets;
    private final WebhookSender sender;
    private final AuditLog audit;
    private final List<Duration> schedule;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    DeliveryWorker(Db db, DeliveryRepository deliveries, WebhookRepository webhooks, WebhookSecrets secrets, Targets targets,
            WebhookSender sender, AuditLog audit, CodebConfig config, MeterRegistry metrics) {
        this.db = db;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.targets = targets;
        this.sender = sender;
        this.audit = audit;
        this.schedule = List.copyOf(config.webhookRetrySchedule());
        this.metrics = metrics;
    }

    @Scheduled(identity = "webhook-sender", every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        wake();
    }

    /** Sends what is due now; a call while a round runs makes that round look again when it ends. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(n -> finish(), e -> {
            LOG.debugf("webhook sender round failed, will retry: %s", e.getMessage());
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    /** Claims and sends batches until nothing is due; answers how many attempts were made. */
    Uni<Integer> drain() {
        return deliveries.claim(BATCH, LEASE).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(claimed).onItem().transformToUni(this::attempt).merge(PARALLEL).collect().asList()
                    .chain(done -> claimed.size() < BATCH ? Uni.createFrom().item(done.size()) : drain().map(more -> more + done.size()));
        });
    }

    private Uni<Void> attempt(DeliveryRepository.Claimed c) {
        long timestamp = Instant.now().getEpochSecond();
        return signatures(c, timestamp)
                .chain(signatures -> targets.resolve(c.url())
                        .chain(to -> sender.post(to, c.eventId(), timestamp, signatures, c.body()))
                        .onFailure(TargetRules.Refused.class).recoverWithItem(e -> Attempts.Result.noAnswer("refused target: " + e.getMessage())))
                .onFailure().recoverWithItem(e -> Attempts.Result.noAnswer("not sent: " + e.getMessage()))
                .chain(result -> record(c, result))
                .onFailure().invoke(e -> LOG.warnf("could not record attempt %d of webhook delivery %s (it is sent again after its lease): %s",
                        c.attempts(), c.id(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The signature of each secret that signs now: the current one, and the previous one during its overlap. */
    private Uni<List<String>> signatures(DeliveryRepository.Claimed c, long timestamp) {
        if (c.webhookId() == null) {
            return Uni.createFrom().item(List.of());
        }
        return webhooks.secrets(c.webhookId()).chain(s -> secrets.cipher().map(k -> {
            if (s == null) {
                throw new IllegalStateException("the webhook was deleted");
            }
            List<String> out = new ArrayList<>(2);
            out.add(WebhookSecrets.signature(WebhookSecrets.open(k, c.webhookId(), s.sealed()), c.eventId(), timestamp, c.body()));
            if (s.previousSealed() != null && s.previousExpiresAt().toInstant().isAfter(Instant.now())) {
                out.add(WebhookSecrets.signature(WebhookSecrets.open(k, c.webhookId(), s.previousSealed()), c.eventId(), timestamp, c.body()));
            }
            return out;
        })).onFailure(EnvCipher.DecryptionFailedException.class).transform(e -> new IllegalStateException("the secret cannot be read"));
    }

    private Uni<Void> record(DeliveryRepository.Claimed c, Attempts.Result r) {
        Attempts.Outcome o = Attempts.decide(r, c.attempts(), c.maxAttempts(), schedule, Instant.now());
        boolean gone = o.kind() == Attempts.Kind.GONE;
        String status = switch (o.kind()) {
            case DELIVERED -> "delivered";
            case RETRY -> "pending";
            case FAILED, GONE -> "failed";
        };
        String error = gone && c.webhookId() != null ? "410 Gone: the webhook was disabled" : r.error();
        var recorded = new DeliveryRepository.Recorded(status, o.next() == null ? null : OffsetDateTime.ofInstant(o.next(), ZoneOffset.UTC),
                r.status(), error, r.response());
        metrics.counter("codeb.webhook.deliveries", "result", o.kind() == Attempts.Kind.RETRY ? "retried" : status).increment();
        if (o.kind() != Attempts.Kind.DELIVERED) {
            LOG.infof("webhook delivery %s (%s, event %s) attempt %d: %s → %s", c.id(), c.channel(), c.eventId(), c.attempts(),
                    r.status() != null ? "HTTP " + r.status() : r.error(), status);
        }
        return db.transaction(tx -> deliveries.record(tx.conn(), c.id(), c.attempts(), recorded).chain(current -> {
            if (!current || c.webhookId() == null) {
                return Uni.createFrom().voidItem();
            }
            if (o.kind() == Attempts.Kind.DELIVERED) {
                return webhooks.succeeded(tx.conn(), c.webhookId());
            }
            if (gone) {
                return disable(tx, c.webhookId(), "the receiver answered 410 Gone");
            }
            return webhooks.failed(tx.conn(), c.webhookId(), FAILING_DAYS).chain(expired -> expired
                    ? disable(tx, c.webhookId(), "every delivery attempt failed for " + FAILING_DAYS + " days")
                    : Uni.createFrom().voidItem());
        }));
    }

    /** Disables the webhook, audited as {@code webhook.disabled} by system, with an event to the team's other webhooks. */
    private Uni<Void> disable(kr.codeb.control.common.db.Tx tx, String webhookId, String reason) {
        return webhooks.disable(tx.conn(), webhookId, reason).chain(team -> {
            if (team == null) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("webhook %s of team %s disabled: %s", webhookId, team, reason);
            tx.emit(ChangeEvent.of("webhook.disabled", team, null, null, Actor.SYSTEM.name(), "webhookId", webhookId, "reason", reason));
            return audit.write(tx.conn(), Actor.SYSTEM, new AuditRecord("webhook.disabled", "webhook", webhookId, team,
                    Map.of("reason", reason)));
        });
    }
}
