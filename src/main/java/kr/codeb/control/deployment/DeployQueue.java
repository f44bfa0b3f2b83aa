package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.slot.Freeze;
import kr.codeb.control.slot.SlotChanges.Decision;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.StoredSlots;

/**
 * The deploy queue of SPEC §11. Every change to it happens inside a {@code SlotChanges} transition, under the slot row's
 * lock, so enqueueing, cancelling, expiring and starting are serialised per project environment: whichever of a releasing
 * request and a sweep comes second finds the next deployment already started, and none starts twice.
 */
@ApplicationScoped
public class DeployQueue {

    private final DeploymentRepository deployments;
    private final VariableRestore variables;

    DeployQueue(DeploymentRepository deployments, VariableRestore variables) {
        this.deployments = deployments;
        this.variables = variables;
    }

    /**
     * {@code ending} releases the deploy lock: answers it followed, in the same transaction, by the start of the first
     * queued deployment whose wait has not run out. A frozen environment starts nothing; the queue sweep starts it
     * after the unfreeze.
     */
    public Uni<Decision> thenStartNext(SqlConnection conn, StoredSlots locked, Freeze frozen, Decision ending) {
        if (ending.result().refused() || frozen != null) {
            return Uni.createFrom().item(ending);
        }
        return deployments.queued(conn, locked.projectName(), locked.environment())
                .map(queue -> next(queue, Instant.now()))
                .map(head -> head == null ? ending : startAfter(ending, head, locked));
    }

    /** The first of {@code queue} still waiting at {@code now}; null when none is. */
    static Deployment next(List<Deployment> queue, Instant now) {
        return queue.stream().filter(d -> d.waitUntil() != null && d.waitUntil().isAfter(now)).findFirst().orElse(null);
    }

    private Decision startAfter(Decision ending, Deployment head, StoredSlots locked) {
        SlotMachine.Result started = SlotMachine.deploy(ending.result().pair(), head.version(), head.image(), head.port(),
                head.deployedBy(), Instant.now());
        SlotColor auditedSide = ending.result().target() != null ? ending.result().target() : started.target();
        SlotMachine.Result both = new SlotMachine.Result(started.pair(), auditedSide, null);
        return new Decision(both, c -> ending.effects().apply(c).chain(extra -> start(c, head, started.target(), locked).map(s -> {
            Map<String, Object> all = new LinkedHashMap<>(extra);
            all.put("started", ReleaseService.params("deploymentId", s.id(), "slot", started.target().wire(), "version", s.version()));
            return all;
        })));
    }

    /** The queued {@code head} becomes pending on {@code slot}: its variables first when it restores them, then the env version. */
    private Uni<Deployment> start(SqlConnection c, Deployment head, SlotColor slot, StoredSlots locked) {
        String project = locked.projectName();
        String env = locked.environment();
        Uni<Void> restored = !head.restoreVariables() || head.fromDeployment() == null ? Uni.createFrom().voidItem()
                : deployments.find(c, head.fromDeployment())
                        .chain(source -> variables.restore(c, head.deployedBy(), project, env, source)).replaceWithVoid();
        return restored.chain(() -> deployments.currentEnvVersion(c, project, env))
                .chain(version -> deployments.start(c, head.id(), slot, version));
    }
}
