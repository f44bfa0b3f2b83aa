package kr.codeb.control.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import kr.codeb.control.common.config.CodebConfig;
import org.jboss.logging.Logger;

/**
 * Retention of the delivery log (SPEC §10): finished deliveries older than {@code CODEB_WEBHOOK_RETENTION_DAYS}, then
 * events no delivery refers to, deleted in small batches on the audit cleanup's schedule. Each batch is one short
 * statement that is harmless to repeat, so replicas running it at once only share the work. Also keeps the
 * {@code codeb_webhook_outbox_pending} gauge.
 */
@ApplicationScoped
public class WebhookCleanup {

    static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(WebhookCleanup.class);

    private final DeliveryRepository deliveries;
    private final CodebConfig config;
    private final AtomicLong pending = new AtomicLong();

    WebhookCleanup(DeliveryRepository deliveries, CodebConfig config, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.config = config;
        metrics.gauge("codeb.webhook.outbox.pending", pending);
    }

    @Scheduled(identity = "webhook-retention", cron = "{codeb.audit-cleanup-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        int days = config.webhookRetentionDays();
        return run(days).invoke(n -> {
            if (n > 0) {
                LOG.infof("webhook retention deleted %d delivery log rows older than %d days", n, days);
            }
        }).onFailure().invoke(e -> LOG.warnf("webhook retention failed, will run again: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes what is older than {@code days} days; answers how many rows (deliveries and events) went. */
    public Uni<Long> run(int days) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
        return batches(() -> deliveries.deleteOld(cutoff, BATCH)).chain(d -> batches(() -> deliveries.deleteOrphanEvents(cutoff, BATCH))
                .map(e -> d + e));
    }

    private static Uni<Long> batches(java.util.function.Supplier<Uni<Integer>> batch) {
        return Multi.createBy().repeating().<Integer>uni(() -> batch.get()).whilst(n -> n == BATCH).collect().with(Collectors.summingLong(Integer::longValue));
    }

    @Scheduled(identity = "webhook-outbox-gauge", every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return deliveries.pending().invoke(pending::set).onFailure().recoverWithNull().replaceWithVoid();
    }
}
