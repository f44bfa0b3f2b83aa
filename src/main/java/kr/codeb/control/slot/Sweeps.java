package kr.codeb.control.slot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.deployment.DeploymentRepository;
import kr.codeb.control.project.ProjectRepository;
import kr.codeb.control.registry.SlotRegistry;
import org.jboss.logging.Logger;

/**
 * The scheduled sweeps of SPEC §6: expired grace slots become empty, deployments stuck pending/running
 * past CODEB_DEPLOY_TIMEOUT fail. Each claims its rows with {@code FOR UPDATE SKIP LOCKED}, so replicas
 * running the same sweep at once never apply a row twice; each change is audited as actor {@code system}.
 */
@ApplicationScoped
public class Sweeps {

    private static final Logger LOG = Logger.getLogger(Sweeps.class);
    private static final int BATCH = 100;

    private final Db db;
    private final SlotRepository slots;
    private final DeploymentRepository deployments;
    private final AuditLog auditLog;
    private final CodebConfig config;
    private final SlotRegistry registry;
    private final ProjectRepository projects;

    Sweeps(Db db, SlotRepository slots, DeploymentRepository deployments, AuditLog auditLog, CodebConfig config,
            SlotRegistry registry, ProjectRepository projects) {
        this.db = db;
        this.slots = slots;
        this.deployments = deployments;
        this.auditLog = auditLog;
        this.config = config;
        this.registry = registry;
        this.projects = projects;
    }

    @Scheduled(identity = "grace-sweep", every = "{codeb.grace-sweep-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledGraceSweep() {
        return expireGrace().invoke(n -> {
            if (n > 0) {
                LOG.infof("grace sweep emptied %d slot(s)", n);
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("grace sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    @Scheduled(identity = "deploy-timeout-sweep", every = "30s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledDeployTimeoutSweep() {
        return failTimedOut().invoke(n -> {
            if (n > 0) {
                LOG.infof("deploy-timeout sweep failed %d deployment(s)", n);
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("deploy-timeout sweep failed, will retry: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Empties every grace slot whose window has ended; returns how many this call emptied. */
    public Uni<Integer> expireGrace() {
        return db.inTransaction(conn -> slots.lockExpiredGrace(conn, BATCH).chain(rows -> Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(stored -> {
                    SlotMachine.Result r = SlotMachine.expireGrace(stored.pair(), Instant.now());
                    if (r.refused()) {
                        return Uni.createFrom().item(0);
                    }
                    Map<String, Object> params = Transitions.auditParams(stored.environment(), stored.pair(), r.pair(),
                            Map.of("slot", r.target().wire(), "version", String.valueOf(stored.pair().get(r.target()).version())));
                    return slots.save(conn, stored.projectName(), stored.environment(), r.pair())
                            .chain(() -> projects.teamOf(conn, stored.projectName()))
                            .chain(team -> auditLog.recordSystem(conn, "slot.grace_expired", "slot",
                                    stored.projectName() + "/" + stored.environment(), team, params))
                            .replaceWith(1);
                })
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum())))
                .invoke(n -> {
                    if (n > 0) {
                        registry.changed();
                    }
                });
    }

    /** Fails every pending/running deployment older than CODEB_DEPLOY_TIMEOUT; returns how many this call failed. */
    public Uni<Integer> failTimedOut() {
        String note = "timed out after " + config.deployTimeout() + " without a final status";
        return db.inTransaction(conn -> deployments.lockTimedOut(conn, config.deployTimeout(), BATCH)
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(d -> {
                    JsonArray steps = new JsonArray(d.steps()).add(new JsonObject().put("name", "timeout").put("status", "failed")
                            .put("message", note));
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("from", d.status());
                    params.put("to", "failed");
                    params.put("reason", note);
                    return deployments.updateStatus(conn, d.id(), "failed", steps, null)
                            .chain(() -> projects.teamOf(conn, d.projectName()))
                            .chain(team -> auditLog.recordSystem(conn, "deployment.timed_out", "deployment", d.id(), team, params))
                            .replaceWith(1);
                }).collect().asList().map(done -> done.size())));
    }
}
