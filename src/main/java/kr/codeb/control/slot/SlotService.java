package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.deployment.Deployment;
import kr.codeb.control.deployment.DeploymentRepository;
import kr.codeb.control.common.db.DbFailures;
import kr.codeb.control.registry.Degraded;
import kr.codeb.control.registry.SlotRegistry;

/**
 * Slot transitions, each in one transaction holding the slot row lock: deploy, promote, rollback,
 * health, freeze. The decisions themselves are {@link SlotMachine}'s.
 */
@ApplicationScoped
public class SlotService {

    /** The answer to a deploy: the new deployment and the slots after it. */
    public record Deployed(Deployment deployment, SlotView slot) {
    }

    private final Db db;
    private final SlotRepository slots;
    private final DeploymentRepository deployments;
    private final AuditLog auditLog;
    private final AuditContext audit;
    private final CodebConfig config;
    private final SlotEvents events;
    private final SlotRegistry registry;
    private final Degraded degraded;

    SlotService(Db db, SlotRepository slots, DeploymentRepository deployments, AuditLog auditLog, AuditContext audit,
            CodebConfig config, SlotEvents events, SlotRegistry registry, Degraded degraded) {
        this.db = db;
        this.slots = slots;
        this.deployments = deployments;
        this.auditLog = auditLog;
        this.audit = audit;
        this.config = config;
        this.events = events;
        this.registry = registry;
        this.degraded = degraded;
    }

    /**
     * The current view; an environment never deployed to is the empty pair. While the database is
     * unreachable it comes from the file registry and the response is marked degraded.
     */
    public Uni<SlotView> view(String project, String env) {
        return slots.find(project, env).chain(stored -> slots.freeze(db.pool(), project, env).map(frozen -> SlotView.of(project, env,
                        stored.map(StoredSlots::pair).orElseGet(SlotPair::fresh), stored.map(StoredSlots::updatedAt).orElse(null),
                        frozen.orElse(null))))
                .onFailure(DbFailures::isUnreachable).recoverWithItem(() -> {
                    degraded.mark();
                    return registry.find(project, env).map(SlotRegistry.Entry::slots)
                            .orElseGet(() -> SlotView.of(project, env, SlotPair.fresh(), null, null));
                });
    }

    public Uni<Deployed> deploy(Caller caller, String project, String env, NewDeployment body, String ifMatch) {
        return db.inTransaction(conn -> slots.lock(conn, project, env).chain(stored -> {
            Transitions.checkIfMatch(stored, ifMatch);
            return slots.freeze(conn, project, env)
                    .invoke(frozen -> frozen.ifPresent(f -> {
                        throw Transitions.frozen(f, "deploying");
                    }))
                    .chain(() -> deployments.inFlight(conn, project, env))
                    .invoke(holder -> holder.ifPresent(h -> {
                        throw Transitions.deployLock(h);
                    }))
                    .chain(() -> deployments.currentEnvVersion(conn, project, env))
                    .chain(envVersion -> {
                        SlotMachine.Result r = SlotMachine.deploy(stored.pair(), body.version().trim(), body.image().trim(), body.port(),
                                caller.name(), Instant.now());
                        return deployments.insert(conn, Ids.newId("dep"), project, env, r.target().wire(), body.version().trim(),
                                        body.image().trim(), caller.name(), envVersion)
                                .chain(dep -> commit(conn, stored, r.pair(), Map.of("deploymentId", dep.id(), "slot", r.target().wire(),
                                        "version", dep.version(), "image", dep.image()), null)
                                        .map(view -> new Deployed(dep, view)));
                    });
        })).invoke(registry::changed);
    }

    public Uni<SlotView> promote(Caller caller, String project, String env, String ifMatch) {
        return db.inTransaction(conn -> slots.lock(conn, project, env).chain(stored -> {
            Transitions.checkIfMatch(stored, ifMatch);
            return slots.freeze(conn, project, env)
                    .invoke(frozen -> frozen.ifPresent(f -> {
                        throw Transitions.frozen(f, "promoting");
                    }))
                    .chain(() -> promoteLocked(conn, caller, stored, Map.of()));
        })).invoke(registry::changed);
    }

    /**
     * Promotes inside a transaction that already holds the slot row lock (also used by auto-promotion
     * when a deployment reports success). Callers have already checked that no freeze is in force.
     */
    public Uni<SlotView> promoteLocked(SqlConnection conn, Caller caller, StoredSlots stored, Map<String, Object> extra) {
        Optional<Slot> deployed = stored.pair().find(SlotState.DEPLOYED);
        Uni<Optional<Deployment>> latest = deployed.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : deployments.latestOnSlot(conn, stored.projectName(), stored.environment(), deployed.get().name().wire());
        return latest.chain(dep -> {
            boolean succeeded = dep.map(d -> "success".equals(d.status())).orElse(false);
            SlotMachine.Result r = SlotMachine.promote(stored.pair(), succeeded, Instant.now(), config.gracePeriod());
            if (r.refused()) {
                throw Transitions.refused(r.refusal());
            }
            Map<String, Object> params = new LinkedHashMap<>(extra);
            params.put("deploymentId", dep.get().id());
            params.put("slot", r.target().wire());
            return deployments.markPromoted(conn, dep.get().id(), caller.name())
                    .chain(() -> commit(conn, stored, r.pair(), params, null));
        });
    }

    public Uni<SlotView> rollback(Caller caller, String project, String env, String reason, boolean restoreVariables, String ifMatch) {
        return db.inTransaction(conn -> slots.lock(conn, project, env).chain(stored -> {
            Transitions.checkIfMatch(stored, ifMatch);
            SlotMachine.Result r = SlotMachine.rollback(stored.pair());
            if (r.refused()) {
                throw Transitions.refused(r.refusal());
            }
            SlotColor leaving = r.target().other();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("reason", reason);
            params.put("slot", r.target().wire());
            params.put("restoreVariables", restoreVariables);
            return deployments.latestOnSlot(conn, project, env, leaving.wire())
                    .call(rolledBack -> rolledBack.map(d -> {
                        params.put("rolledBackDeploymentId", d.id());
                        return deployments.markRolledBack(conn, d.id(), caller.name(), reason);
                    }).orElse(Uni.createFrom().voidItem()))
                    .chain(() -> restoreVariables
                            ? deployments.latestOnSlot(conn, project, env, r.target().wire())
                                    .call(restored -> events.restoreVariables(conn, caller, project, env, restored.orElse(null), params))
                            : Uni.createFrom().nullItem())
                    .chain(() -> slots.freeze(conn, project, env))
                    .chain(frozen -> commit(conn, stored, r.pair(), params, frozen.orElse(null)));
        })).invoke(registry::changed);
    }

    public Uni<SlotView> health(String project, String env, SlotColor side, String status, String ifMatch) {
        return db.inTransaction(conn -> slots.lock(conn, project, env).chain(stored -> {
            Transitions.checkIfMatch(stored, ifMatch);
            SlotMachine.Result r = SlotMachine.health(stored.pair(), side, status);
            if (r.refused()) {
                throw Transitions.refused(r.refusal());
            }
            return slots.freeze(conn, project, env).chain(frozen -> commit(conn, stored, r.pair(),
                    Map.of("slot", side.wire(), "healthStatus", status), frozen.orElse(null)));
        })).invoke(registry::changed);
    }

    public Uni<SlotView> freeze(Caller caller, String project, String env, String message, Instant until) {
        return db.inTransaction(conn -> slots.putFreeze(conn, project, env, message, caller.name(), until)
                        .call(() -> {
                            audit.params(Map.of("environment", env, "message", message, "until", until == null ? "" : until.toString()));
                            return auditLog.recordInTransaction(conn);
                        }))
                .chain(() -> view(project, env));
    }

    /** Lifts a freeze; 404 when there was none. */
    public Uni<Void> unfreeze(String project, String env) {
        return db.inTransaction(conn -> slots.deleteFreeze(conn, project, env).chain(removed -> {
            if (!removed) {
                throw kr.codeb.control.common.problem.ApiException.notFound("The environment is not frozen");
            }
            audit.params(Map.of("environment", env));
            return auditLog.recordInTransaction(conn);
        }));
    }

    /**
     * Saves the new pair and writes the audit row with the before/after states, in the caller's transaction.
     * {@code frozen} is the freeze the caller read in this transaction (null: none), shown in the answer.
     */
    private Uni<SlotView> commit(SqlConnection conn, StoredSlots before, SlotPair after, Map<String, Object> extra, Freeze frozen) {
        return slots.save(conn, before.projectName(), before.environment(), after).chain(saved -> {
            audit.params(Transitions.auditParams(before.environment(), before.pair(), saved.pair(), extra));
            return auditLog.recordInTransaction(conn)
                    .map(v -> SlotView.of(saved.projectName(), saved.environment(), saved.pair(), saved.updatedAt(), frozen));
        });
    }
}
