package kr.codeb.control.slot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import org.jboss.logging.Logger;

/**
 * The grace sweep of SPEC §6: grace slots whose window has ended become empty, audited as {@code slot.grace_expired} by
 * {@code system}. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas sweeping at once never empty one twice.
 */
@ApplicationScoped
public class GraceSweep {

    private static final Logger LOG = Logger.getLogger(GraceSweep.class);
    private static final int BATCH = 100;

    private final Db db;
    private final SlotRepository slots;
    private final SlotChanges changes;

    GraceSweep(Db db, SlotRepository slots, SlotChanges changes) {
        this.db = db;
        this.slots = slots;
        this.changes = changes;
    }

    @Scheduled(identity = "grace-sweep", every = "{codeb.grace-sweep-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return expireGrace().invoke(n -> {
            if (n > 0) {
                LOG.infof("grace sweep emptied %d slot(s)", n);
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("grace sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Empties every grace slot whose window has ended; returns how many this call emptied. */
    public Uni<Integer> expireGrace() {
        return db.transaction(tx -> slots.lockExpiredGrace(tx.conn(), BATCH).chain(rows -> Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(claimed -> {
                    SlotChange change = new SlotChange(claimed.projectName(), claimed.environment(), Actor.SYSTEM,
                            new AuditRecord("slot.grace_expired", "slot", claimed.projectName() + "/" + claimed.environment(),
                                    claimed.teamId(), null), null, null);
                    return changes.apply(tx, change, (conn, locked, frozen) -> {
                        SlotMachine.Result r = SlotMachine.expireGrace(locked.pair(), Instant.now());
                        Map<String, Object> version = r.refused() ? Map.of()
                                : Map.of("version", String.valueOf(locked.pair().get(r.target()).version()));
                        return Uni.createFrom().item(new SlotChanges.Decision(r, c -> Uni.createFrom().item(version)));
                    }).replaceWith(1)
                            // a row whose window another sweep already closed: nothing to do, the others still are
                            .onFailure(ApiException.class).recoverWithItem(0);
                })
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum())));
    }
}
