package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.policy.PolicyRepository;
import kr.codeb.control.slot.Freeze;
import kr.codeb.control.slot.HealthStatus;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotState;
import kr.codeb.control.slot.StoredSlots;

/**
 * The automatic promote after a success report (seed 000 {@code deploymentDefaults.autoPromote}, SPEC §12): whether it
 * promotes at once, waits for the slot to turn healthy ({@code deployments.auto_promote_until}), or does nothing.
 */
@ApplicationScoped
public class AutoPromotions {

    /** Promote now, wait for healthy up to {@code waitFor}, or neither. */
    public record AutoPromotion(boolean now, Duration waitFor) {
        static final AutoPromotion NO = new AutoPromotion(false, null);
        static final AutoPromotion NOW = new AutoPromotion(true, null);
    }

    /** A wait for healthy that ran out: the deployment, its team and version. */
    public record Lapsed(String deploymentId, String teamId, String project, String environment, String slot, String version) {
    }

    private final Db db;
    private final PolicyRepository policies;
    private final DeploymentRepository deployments;

    AutoPromotions(Db db, PolicyRepository policies, DeploymentRepository deployments) {
        this.db = db;
        this.policies = policies;
        this.deployments = deployments;
    }

    /**
     * Nothing unless the policy (else the team) asks for auto-promote and the slot is deployed, not frozen, not replaced
     * and needs no approvals; then now, or, where the policy checks health and the slot is not healthy yet, a wait of the
     * team's {@code healthCheckTimeout}. Notes what it decided in {@code params} (the audit row's).
     */
    Uni<AutoPromotion> decide(SqlConnection conn, String teamId, StoredSlots locked, Deployment current, Freeze frozen,
            Map<String, Object> params) {
        SlotColor side = SlotColor.parse(current.slot()).orElseThrow();
        if (locked.pair().get(side).state() != SlotState.DEPLOYED) {
            return Uni.createFrom().item(AutoPromotion.NO);
        }
        return db.query(conn, "team.auto_promote", "SELECT (settings -> 'deploymentDefaults' -> 'autoPromote') = 'true'::jsonb,"
                        + " CASE WHEN jsonb_typeof(settings -> 'deploymentDefaults' -> 'healthCheckTimeout') = 'number'"
                        + " THEN (settings -> 'deploymentDefaults' ->> 'healthCheckTimeout')::numeric END FROM teams WHERE id = $1",
                        Tuple.of(teamId))
                .chain(rows -> policies.find(conn, locked.projectName(), locked.environment()).chain(policy -> {
                    Row team = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    boolean wanted = policy.autoPromote() != null ? policy.autoPromote()
                            : team != null && Boolean.TRUE.equals(team.getBoolean(0));
                    if (!wanted) {
                        return Uni.createFrom().item(AutoPromotion.NO);
                    }
                    if (frozen != null) {
                        params.put("autoPromote", "skipped: environment frozen");
                        return Uni.createFrom().item(AutoPromotion.NO);
                    }
                    if (policy.requiredApprovals() > 0) {
                        params.put("autoPromote", "skipped: the policy requires approvals; promote to request them");
                        return Uni.createFrom().item(AutoPromotion.NO);
                    }
                    return deployments.latestOnSlot(conn, locked.projectName(), locked.environment(), side).map(latest -> {
                        if (latest == null || !latest.id().equals(current.id())) {
                            params.put("autoPromote", "skipped: a newer deployment replaced this one");
                            return AutoPromotion.NO;
                        }
                        if (policy.gatesOnHealth() && locked.pair().get(side).healthStatus() != HealthStatus.HEALTHY) {
                            Duration timeout = healthCheckTimeout(team);
                            params.put("autoPromote", "waiting up to " + timeout.toSeconds() + " s for the slot to turn healthy");
                            return new AutoPromotion(false, timeout);
                        }
                        params.put("autoPromote", Boolean.TRUE);
                        return AutoPromotion.NOW;
                    });
                }));
    }

    /** Seed 000's {@code deploymentDefaults.healthCheckTimeout}: seconds, default 30, at most a day. */
    private static Duration healthCheckTimeout(Row team) {
        BigDecimal seconds = team == null || team.getValue(1) == null ? null : team.getBigDecimal(1);
        return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, Math.min(86_400, seconds.longValue())));
    }

    Uni<Void> await(SqlClient conn, String id, Duration upTo) {
        return db.query(conn, "deployment.await_healthy", "UPDATE deployments SET auto_promote_until = NOW() + make_interval(secs => $2)"
                + " WHERE id = $1", Tuple.of(id, (double) upTo.toMillis() / 1000)).replaceWithVoid();
    }

    /** The deployment on {@code slot} whose success report waits for it to turn healthy; null when none does. */
    public Uni<Deployment> waitingOn(SqlClient conn, String project, String env, SlotColor slot) {
        return db.query(conn, "deployment.waiting_for_healthy", "SELECT " + Deployment.COLUMNS + " FROM deployments"
                        + " WHERE project_name = $1 AND environment = $2 AND slot = $3 AND status = 'success' AND auto_promote_until > NOW()"
                        + " ORDER BY created_at DESC LIMIT 1", Tuple.of(project, env, slot.wire()))
                .map(rows -> rows.iterator().hasNext() ? Deployment.from(rows.iterator().next()) : null);
    }

    /** Ends, in {@code conn}'s transaction, up to {@code limit} waits that ran out; rows another replica holds are skipped. */
    public Uni<List<Lapsed>> lapse(SqlClient conn, int limit) {
        return db.query(conn, "deployment.lapse_auto_promote", "UPDATE deployments d SET auto_promote_until = NULL FROM projects p"
                        + " WHERE p.name = d.project_name AND d.id IN (SELECT id FROM deployments WHERE auto_promote_until <= NOW()"
                        + " ORDER BY auto_promote_until LIMIT $1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING d.id, p.team_id, d.project_name, d.environment, d.slot, d.version", Tuple.of(limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Lapsed(r.getString("id"), r.getString("team_id"),
                        r.getString("project_name"), r.getString("environment"), r.getString("slot"), r.getString("version"))).toList());
    }
}
