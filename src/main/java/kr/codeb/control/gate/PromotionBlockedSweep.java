package kr.codeb.control.gate;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.deployment.AutoPromotions;
import org.jboss.logging.Logger;

/**
 * Every second: success reports whose wait for a healthy slot ran out stay {@code success} and unpromoted, and say so with
 * {@code deployment.promotion_blocked} (SPEC §12), audited by {@code system}. Rows are claimed with SKIP LOCKED, so two
 * replicas never report one twice.
 */
@ApplicationScoped
public class PromotionBlockedSweep {

    private static final Logger LOG = Logger.getLogger(PromotionBlockedSweep.class);
    private static final int BATCH = 100;

    private final Db db;
    private final AutoPromotions autoPromotions;
    private final AuditLog audit;

    PromotionBlockedSweep(Db db, AutoPromotions autoPromotions, AuditLog audit) {
        this.db = db;
        this.autoPromotions = autoPromotions;
        this.audit = audit;
    }

    @Scheduled(identity = "promotion-blocked-sweep", every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().onFailure().recoverWithItem(e -> {
            LOG.debugf("promotion-blocked sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Ends every wait that ran out; answers how many. */
    public Uni<Integer> sweep() {
        return db.transaction(tx -> autoPromotions.lapse(tx.conn(), BATCH).chain(lapsed -> Multi.createFrom().iterable(lapsed)
                .onItem().transformToUniAndConcatenate(l -> {
                    String reason = "the " + l.slot() + " slot did not turn healthy within the team's healthCheckTimeout";
                    tx.emit(ChangeEvent.of("deployment.promotion_blocked", l.teamId(), l.project(), l.environment(), Actor.SYSTEM.name(),
                            "deploymentId", l.deploymentId(), "version", l.version(), "slot", l.slot(), "reason", reason));
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("environment", l.environment());
                    params.put("slot", l.slot());
                    params.put("reason", reason);
                    return audit.write(tx.conn(), Actor.SYSTEM, new AuditRecord("deployment.promotion_blocked", "deployment",
                            l.deploymentId(), l.teamId(), params));
                }).collect().asList().map(done -> done.size())));
    }
}
