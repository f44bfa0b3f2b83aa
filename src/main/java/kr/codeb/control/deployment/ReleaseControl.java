package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotChanges.Decision;
import kr.codeb.control.slot.SlotMachine;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Taking a deployment out of the flow (SPEC §11): cancel one, or force the deploy lock open (cancel its holder), each a
 * {@link SlotChanges} transition that starts the next queued deployment when it releases the lock; and the lock's view.
 */
@ApplicationScoped
public class ReleaseControl {

    /** Who holds the deploy lock of a project environment, and who waits for it, in the order they start. */
    public record LockView(boolean held, @Schema(nullable = true) Holder holder, List<Waiting> queued) {
    }

    public record Holder(String deploymentId, @Schema(nullable = true) String version,
            @Schema(nullable = true) String createdBy, String status, @Schema(nullable = true) Instant since) {
    }

    public record Waiting(int position, String deploymentId, @Schema(nullable = true) String version,
            @Schema(nullable = true) String createdBy, Instant since, @Schema(nullable = true) Instant waitUntil) {
    }

    private final Db db;
    private final SlotChanges changes;
    private final DeploymentRepository deployments;
    private final DeployQueue queue;

    ReleaseControl(Db db, SlotChanges changes, DeploymentRepository deployments, DeployQueue queue) {
        this.db = db;
        this.changes = changes;
        this.deployments = deployments;
        this.queue = queue;
    }

    /** Cancels {@code known}: 409 when it is already final. */
    public Uni<Deployment> cancel(Grant grant, Deployment known, String reason) {
        SlotChange change = new SlotChange(known.projectName(), known.environment(), grant.actor(),
                grant.record(known.id(), ReleaseService.params("reason", reason)), null, null);
        AtomicReference<Deployment> answer = new AtomicReference<>();
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> deployments.lock(conn, known.id())
                .chain(current -> {
                    if (current == null || current.isFinal()) {
                        throw ApiException.conflict("Deployment " + known.id() + " already ended"
                                + (current == null ? "" : " with " + current.status().wire()) + "; only a queued, pending or running one can be cancelled");
                    }
                    Decision ending = ending(locked.pair(), current, grant.caller().name(), reason, answer);
                    return current.status().inFlight() ? queue.thenStartNext(conn, locked, frozen, ending) : Uni.createFrom().item(ending);
                })))
                .map(view -> answer.get());
    }

    /** Cancels the holder of the deploy lock with {@code reason}: 409 when nobody holds it. */
    public Uni<Deployment> unlock(Grant grant, String project, String env, String reason) {
        SlotChange change = new SlotChange(project, env, grant.actor(), grant.record(project, ReleaseService.params("reason", reason)),
                null, null);
        AtomicReference<Deployment> answer = new AtomicReference<>();
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> deployments.inFlight(conn, project, env)
                .chain(holder -> {
                    if (holder == null) {
                        throw ApiException.conflict("Nobody holds the deploy lock of " + project + "/" + env);
                    }
                    return queue.thenStartNext(conn, locked, frozen, ending(locked.pair(), holder, grant.caller().name(), reason, answer));
                })))
                .map(view -> answer.get());
    }

    public Uni<LockView> view(String project, String env) {
        return deployments.inFlight(db.pool(), project, env).chain(holder -> deployments.queued(db.pool(), project, env).map(q -> {
            Holder h = holder == null ? null
                    : new Holder(holder.id(), holder.version(), holder.deployedBy(), holder.status().wire(), holder.startedAt());
            List<Waiting> waiting = new java.util.ArrayList<>();
            for (Deployment d : q) {
                waiting.add(new Waiting(waiting.size() + 1, d.id(), d.version(), d.deployedBy(), d.createdAt(), d.waitUntil()));
            }
            return new LockView(holder != null, h, waiting);
        }));
    }

    private Decision ending(kr.codeb.control.slot.SlotPair pair, Deployment current, String by, String reason,
            AtomicReference<Deployment> answer) {
        return new Decision(SlotMachine.unchanged(pair), c -> deployments.cancel(c, current.id(), by, reason).map(cancelled -> {
            answer.set(cancelled);
            return ReleaseService.params("deploymentId", current.id(), "from", current.status().wire(), "to", "cancelled",
                    "reason", reason, "version", current.version(), "deploymentSlot", current.slot());
        }));
    }
}
