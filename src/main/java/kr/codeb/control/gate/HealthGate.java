package kr.codeb.control.gate;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.AutoPromotions;
import kr.codeb.control.deployment.DeploymentRepository;
import kr.codeb.control.deployment.ReleaseService;
import kr.codeb.control.policy.EnvironmentPolicy;
import kr.codeb.control.slot.HealthStatus;
import kr.codeb.control.slot.Slot;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotCommand;
import kr.codeb.control.slot.SlotState;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.StoredSlots;

/**
 * What the service does by itself about slot health (SPEC §12), each through the one slot pipeline as {@code system}: a
 * probe streak crossing its threshold sets {@code healthStatus}; a deployed slot turning healthy while its success report
 * waits is promoted; an active slot that is unhealthy within the rollback window of its promote is rolled back to the
 * grace slot. Every condition is checked again under the slot lock, so replicas or a request racing it change nothing twice.
 */
@ApplicationScoped
public class HealthGate {

    private static final Caller SYSTEM = Caller.system(null, Actor.SYSTEM.name());

    private final Db db;
    private final SlotChanges changes;
    private final ReleaseService releases;
    private final DeploymentRepository deployments;
    private final AutoPromotions autoPromotions;

    HealthGate(Db db, SlotChanges changes, ReleaseService releases, DeploymentRepository deployments, AutoPromotions autoPromotions) {
        this.db = db;
        this.changes = changes;
        this.releases = releases;
        this.deployments = deployments;
        this.autoPromotions = autoPromotions;
    }

    /** Sets {@code side}'s health to {@code status} if the build probed ({@code deployedAt}) is still there and differs. */
    public Uni<Void> setHealth(String team, String project, String env, SlotColor side, Instant deployedAt, HealthStatus status,
            String detail) {
        SlotCommand.Health report = new SlotCommand.Health(side, status);
        Map<String, Object> params = new LinkedHashMap<>(report.args());
        params.put("source", "probe");
        params.put("lastCheck", detail);
        SlotChange change = new SlotChange(project, env, Actor.SYSTEM, new AuditRecord("slot.health", "slot", project, team, params),
                null, null);
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> {
            Slot now = locked.pair().get(side);
            boolean same = deployedAt.equals(now.deployedAt()) && now.state() != SlotState.EMPTY;
            return Uni.createFrom().item(same && now.healthStatus() != status ? SlotChanges.Decision.of(report.decide(locked.pair()))
                    : SlotChanges.Decision.refuse("the probed build is gone or its health is already " + status.wire()));
        })).replaceWithVoid().onFailure(ApiException.class).recoverWithNull();
    }

    /** After the health of {@code slots} is known: the automatic rollback or the waiting auto-promote, when either applies. */
    public Uni<Void> act(String team, EnvironmentPolicy policy, StoredSlots slots) {
        SlotPair pair = slots.pair();
        Optional<Slot> active = pair.find(SlotState.ACTIVE);
        if (policy.autoRollback() != null && active.isPresent() && active.get().healthStatus() == HealthStatus.UNHEALTHY
                && pair.find(SlotState.GRACE).isPresent()) {
            return rollBack(team, policy, slots.projectName(), slots.environment(), active.get().name());
        }
        Optional<Slot> deployed = pair.find(SlotState.DEPLOYED);
        if (deployed.isPresent() && deployed.get().healthStatus() == HealthStatus.HEALTHY) {
            return promoteWaiting(team, slots.projectName(), slots.environment(), deployed.get().name());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> rollBack(String team, EnvironmentPolicy policy, String project, String env, SlotColor side) {
        String reason = "automatic: " + side.wire() + " unhealthy";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("reason", reason);
        params.put("restoreVariables", false);
        params.put("automatic", true);
        SlotChange change = new SlotChange(project, env, Actor.SYSTEM, new AuditRecord("slot.rollback", "slot", project, team, params),
                null, null);
        SlotChanges.Step rollback = releases.rollbackStep(Actor.SYSTEM.name(), reason, false);
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> {
            Slot now = locked.pair().get(side);
            if (now.state() != SlotState.ACTIVE || now.healthStatus() != HealthStatus.UNHEALTHY) {
                return Uni.createFrom().item(SlotChanges.Decision.refuse("the " + side.wire() + " slot is no longer active and unhealthy"));
            }
            return deployments.latestOnSlot(conn, project, env, side).chain(promoted -> {
                Instant promotedAt = promoted == null ? null : promoted.promotedAt();
                boolean inWindow = promotedAt != null
                        && promotedAt.plusSeconds(policy.autoRollback().windowSeconds()).isAfter(Instant.now());
                return inWindow ? rollback.decide(conn, locked, frozen)
                        : Uni.createFrom().item(SlotChanges.Decision.refuse("outside the automatic-rollback window"));
            });
        })).replaceWithVoid().onFailure(ApiException.class).recoverWithNull();
    }

    private Uni<Void> promoteWaiting(String team, String project, String env, SlotColor side) {
        return autoPromotions.waitingOn(db.pool(), project, env, side).chain(waiting -> {
            if (waiting == null) {
                return Uni.createFrom().voidItem();
            }
            Grant grant = new Grant(SYSTEM, Action.SLOT_PROMOTE, team, null);
            return releases.promote(grant, project, env, null, Map.of("automatic", true))
                    .replaceWithVoid().onFailure(ApiException.class).recoverWithNull();
        });
    }

    /** The status a probe streak moves a slot to, or null when it stays as it is. */
    static HealthStatus crossed(EnvironmentPolicy.HealthCheck check, SlotChecks.Streak streak, HealthStatus current) {
        if (streak.passes() >= check.healthyAfter() && current != HealthStatus.HEALTHY) {
            return HealthStatus.HEALTHY;
        }
        if (streak.failures() >= check.unhealthyAfter() && current != HealthStatus.UNHEALTHY) {
            return HealthStatus.UNHEALTHY;
        }
        return null;
    }
}
