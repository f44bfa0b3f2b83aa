package kr.codeb.control.deployment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotChanges.Decision;
import kr.codeb.control.slot.SlotMachine;
import org.jboss.logging.Logger;

/**
 * Every second: queued deployments whose wait ran out become {@code expired}, and a queue whose lock is free (after an
 * unfreeze, say) starts its first deployment. Audited as {@code deployment.queue} by {@code system}; through
 * {@link SlotChanges} like every start, so a sweep on another replica or a releasing request that got there first leaves
 * it nothing to do.
 */
@ApplicationScoped
public class QueueSweep {

    private static final Logger LOG = Logger.getLogger(QueueSweep.class);
    private static final int BATCH = 100;

    private final Db db;
    private final DeploymentRepository deployments;
    private final SlotChanges changes;
    private final DeployQueue queue;

    QueueSweep(Db db, DeploymentRepository deployments, SlotChanges changes, DeployQueue queue) {
        this.db = db;
        this.deployments = deployments;
        this.changes = changes;
        this.queue = queue;
    }

    @Scheduled(identity = "deploy-queue-sweep", every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().onFailure().recoverWithItem(e -> {
            LOG.debugf("deploy-queue sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Sweeps every queue with work; answers how many it changed. */
    public Uni<Integer> sweep() {
        return deployments.queuesWithWork(BATCH).chain(queues -> Multi.createFrom().iterable(queues)
                .onItem().transformToUniAndConcatenate(q -> db.transaction(tx -> changes.apply(tx, change(q), step()))
                        .replaceWith(1)
                        .onFailure(ApiException.class).recoverWithItem(0))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum()));
    }

    private static SlotChange change(List<String> projectEnv) {
        return new SlotChange(projectEnv.get(0), projectEnv.get(1), Actor.SYSTEM,
                new AuditRecord("deployment.queue", "deployment", null, null, null), null, null);
    }

    private SlotChanges.Step step() {
        return (conn, locked, frozen) -> deployments.inFlight(conn, locked.projectName(), locked.environment())
                .chain(holder -> deployments.queued(conn, locked.projectName(), locked.environment()).chain(waiting -> {
                    Instant now = Instant.now();
                    boolean overdue = waiting.stream().anyMatch(d -> !d.waitUntil().isAfter(now));
                    boolean startable = holder == null && frozen == null && DeployQueue.next(waiting, now) != null;
                    if (!overdue && !startable) {
                        return Uni.createFrom().item(Decision.refuse("nothing to sweep"));
                    }
                    Decision expire = new Decision(SlotMachine.unchanged(locked.pair()),
                            c -> deployments.expireOverdue(c, locked.projectName(), locked.environment())
                                    .map(expired -> ReleaseService.params("expired", ReleaseService.ended(expired))));
                    return startable ? queue.thenStartNext(conn, locked, frozen, expire) : Uni.createFrom().item(expire);
                }));
    }
}
