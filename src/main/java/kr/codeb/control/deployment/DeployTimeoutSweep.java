package kr.codeb.control.deployment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotChanges.Decision;
import kr.codeb.control.slot.SlotMachine;
import org.jboss.logging.Logger;

/**
 * The deploy-timeout sweep of SPEC §6: deployments pending or running longer than CODEB_DEPLOY_TIMEOUT fail, audited as
 * {@code deployment.timed_out} by {@code system}. Each goes through {@link SlotChanges} in its own transaction (slots row
 * first, then the deployment, as every transition locks), and is skipped when another replica's sweep or a report got
 * there first, so none is failed twice.
 */
@ApplicationScoped
public class DeployTimeoutSweep {

    private static final Logger LOG = Logger.getLogger(DeployTimeoutSweep.class);
    private static final int BATCH = 100;

    private final Db db;
    private final DeploymentRepository deployments;
    private final SlotChanges changes;
    private final CodebConfig config;
    private final DeployQueue queue;

    DeployTimeoutSweep(Db db, DeploymentRepository deployments, SlotChanges changes, CodebConfig config, DeployQueue queue) {
        this.db = db;
        this.deployments = deployments;
        this.changes = changes;
        this.config = config;
        this.queue = queue;
    }

    @Scheduled(identity = "deploy-timeout-sweep", every = "30s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return failTimedOut().invoke(n -> {
            if (n > 0) {
                LOG.infof("deploy-timeout sweep failed %d deployment(s)", n);
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("deploy-timeout sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Fails every pending/running deployment older than CODEB_DEPLOY_TIMEOUT; returns how many this call failed. */
    public Uni<Integer> failTimedOut() {
        return deployments.timedOut(config.deployTimeout(), BATCH).chain(candidates -> Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(d -> db.transaction(tx -> changes.apply(tx, change(d), timeOut(d.id())))
                        .replaceWith(1)
                        // failed or finished meanwhile (another replica's sweep, a report): nothing to do
                        .onFailure(ApiException.class).recoverWithItem(0))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum()));
    }

    private static SlotChange change(Deployment d) {
        return new SlotChange(d.projectName(), d.environment(), Actor.SYSTEM,
                new AuditRecord("deployment.timed_out", "deployment", d.id(), null, null), null, null);
    }

    private SlotChanges.Step timeOut(String id) {
        String note = "timed out after " + config.deployTimeout() + " without a final status";
        return (conn, locked, frozen) -> deployments.lockTimedOut(conn, id, config.deployTimeout()).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(Decision.refuse("deployment " + id + " is no longer timed out"));
            }
            JsonArray steps = new JsonArray(d.steps()).add(new JsonObject().put("name", "timeout").put("status", "failed")
                    .put("message", note));
            return queue.thenStartNext(conn, locked, frozen, new Decision(SlotMachine.unchanged(locked.pair()),
                    c -> deployments.updateStatus(c, id, DeploymentStatus.FAILED, steps, null).replaceWith(
                            ReleaseService.params("from", d.status().wire(), "to", DeploymentStatus.FAILED.wire(), "reason", note,
                                    "version", d.version(), "deploymentSlot", d.slot()))));
        });
    }
}
