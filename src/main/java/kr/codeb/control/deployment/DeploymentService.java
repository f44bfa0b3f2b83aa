package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.slot.SlotService;
import kr.codeb.control.slot.SlotState;
import kr.codeb.control.slot.StoredSlots;

/**
 * Status reports of a deployment ({@code pending → running → success|failed}; final is final) and the
 * auto-promotion a team may ask for, in the same transaction.
 */
@ApplicationScoped
public class DeploymentService {

    private final Db db;
    private final DeploymentRepository deployments;
    private final SlotRepository slots;
    private final SlotService slotService;
    private final AuditLog auditLog;
    private final AuditContext audit;
    private final kr.codeb.control.registry.SlotRegistry registry;

    DeploymentService(Db db, DeploymentRepository deployments, SlotRepository slots, SlotService slotService, AuditLog auditLog,
            AuditContext audit, kr.codeb.control.registry.SlotRegistry registry) {
        this.db = db;
        this.deployments = deployments;
        this.slots = slots;
        this.slotService = slotService;
        this.auditLog = auditLog;
        this.audit = audit;
        this.registry = registry;
    }

    /** Applies a report to {@code known} (read before authorisation); locks slots before the deployment, as every transition does. */
    public Uni<Deployment> report(Caller caller, String teamId, Deployment known, StatusReport report) {
        JsonArray steps = report.steps() == null ? null : new JsonArray(report.steps());
        return db.inTransaction(conn -> slots.lock(conn, known.projectName(), known.environment())
                .chain(stored -> deployments.lock(conn, known.id()).chain(found -> {
                    Deployment current = found.orElseThrow(() -> ApiException.notFound("No such deployment"));
                    if (current.isFinal()) {
                        throw ApiException.conflict("Deployment " + current.id() + " already ended with " + current.status()
                                + "; a final status cannot change");
                    }
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("from", current.status());
                    params.put("to", report.status());
                    params.put("duration", report.duration());
                    return deployments.updateStatus(conn, current.id(), report.status(), steps, report.duration())
                            .chain(updated -> autoPromote(conn, caller, teamId, stored, updated, params)
                                    .chain(promoted -> {
                                        if (promoted) {
                                            return deployments.find(conn, updated.id()).map(d -> d.orElse(updated));
                                        }
                                        audit.params(params);
                                        return auditLog.recordInTransaction(conn).replaceWith(updated);
                                    }));
                }))).invoke(d -> {
                    if (d.promotedAt() != null) {
                        registry.changed();
                    }
                });
    }

    /** Promotes in this transaction when the team asks for it and nothing stands in the way; true when it did. */
    private Uni<Boolean> autoPromote(io.vertx.mutiny.sqlclient.SqlConnection conn, Caller caller, String teamId, StoredSlots stored,
            Deployment updated, Map<String, Object> params) {
        if (!"success".equals(updated.status())
                || stored.pair().get(kr.codeb.control.slot.SlotColor.parse(updated.slot()).orElseThrow()).state() != SlotState.DEPLOYED) {
            return Uni.createFrom().item(false);
        }
        return db.query(conn, "team.auto_promote", "SELECT (settings -> 'deploymentDefaults' -> 'autoPromote') = 'true'::jsonb"
                        + " FROM teams WHERE id = $1", Tuple.of(teamId))
                .map(rows -> rows.iterator().hasNext() && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)))
                .chain(wanted -> !wanted ? Uni.createFrom().item(false)
                        : slots.freeze(conn, stored.projectName(), stored.environment()).chain(frozen -> {
                            if (frozen.isPresent()) {
                                params.put("autoPromote", "skipped: environment frozen");
                                return Uni.createFrom().item(false);
                            }
                            return deployments.latestOnSlot(conn, stored.projectName(), stored.environment(), updated.slot())
                                    .chain(latest -> {
                                        if (latest.isEmpty() || !latest.get().id().equals(updated.id())) {
                                            params.put("autoPromote", "skipped: a newer deployment replaced this one");
                                            return Uni.createFrom().item(false);
                                        }
                                        params.put("autoPromote", true);
                                        return slotService.promoteLocked(conn, caller, stored, params).replaceWith(true);
                                    });
                        }));
    }
}
