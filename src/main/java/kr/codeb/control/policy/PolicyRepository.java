package kr.codeb.control.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for {@code environment_policies}. */
@ApplicationScoped
public class PolicyRepository {

    private static final String COLUMNS = "project_name, environment, health_path, health_interval_seconds, health_timeout_ms,"
            + " healthy_after, unhealthy_after, auto_promote, auto_rollback_window_seconds, required_approvals, prevent_self_approval,"
            + " updated_at, updated_by";

    private final Db db;

    PolicyRepository(Db db) {
        this.db = db;
    }

    static EnvironmentPolicy from(Row r) {
        EnvironmentPolicy.HealthCheck check = r.getString("health_path") == null ? null
                : new EnvironmentPolicy.HealthCheck(r.getString("health_path"), r.getInteger("health_interval_seconds"),
                        r.getInteger("health_timeout_ms"), r.getInteger("healthy_after"), r.getInteger("unhealthy_after"));
        Integer window = r.getInteger("auto_rollback_window_seconds");
        return new EnvironmentPolicy(r.getString("project_name"), r.getString("environment"), check, r.getBoolean("auto_promote"),
                window == null ? null : new EnvironmentPolicy.AutoRollback(window), r.getInteger("required_approvals"),
                r.getBoolean("prevent_self_approval"), r.getOffsetDateTime("updated_at").toInstant(), r.getString("updated_by"));
    }

    /** The policy of a project environment; {@link EnvironmentPolicy#none} when none was set. */
    public Uni<EnvironmentPolicy> find(SqlClient client, String project, String env) {
        return db.query(client, "policy.find", "SELECT " + COLUMNS + " FROM environment_policies WHERE project_name = $1 AND environment = $2",
                        Tuple.of(project, env))
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : EnvironmentPolicy.none(project, env));
    }

    public Uni<EnvironmentPolicy> put(SqlClient conn, EnvironmentPolicy p, String by) {
        EnvironmentPolicy.HealthCheck c = p.healthCheck();
        return db.query(conn, "policy.put", "INSERT INTO environment_policies (project_name, environment, health_path,"
                        + " health_interval_seconds, health_timeout_ms, healthy_after, unhealthy_after, auto_promote,"
                        + " auto_rollback_window_seconds, required_approvals, prevent_self_approval, updated_by)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (project_name, environment) DO UPDATE SET"
                        + " health_path = EXCLUDED.health_path, health_interval_seconds = EXCLUDED.health_interval_seconds,"
                        + " health_timeout_ms = EXCLUDED.health_timeout_ms, healthy_after = EXCLUDED.healthy_after,"
                        + " unhealthy_after = EXCLUDED.unhealthy_after, auto_promote = EXCLUDED.auto_promote,"
                        + " auto_rollback_window_seconds = EXCLUDED.auto_rollback_window_seconds,"
                        + " required_approvals = EXCLUDED.required_approvals, prevent_self_approval = EXCLUDED.prevent_self_approval,"
                        + " updated_by = EXCLUDED.updated_by, updated_at = NOW() RETURNING " + COLUMNS,
                        Tuple.tuple(Arrays.asList(p.projectName(), p.environment(), c == null ? null : c.path(),
                                c == null ? null : c.intervalSeconds(), c == null ? null : c.timeoutMs(), c == null ? null : c.healthyAfter(),
                                c == null ? null : c.unhealthyAfter(), p.autoPromote(),
                                p.autoRollback() == null ? null : p.autoRollback().windowSeconds(), p.requiredApprovals(),
                                p.preventSelfApproval(), by)))
                .map(rows -> from(rows.iterator().next()));
    }

    /** A claimed environment's policy with the team owning the project. */
    public record Claimed(String teamId, EnvironmentPolicy policy) {
    }

    /**
     * Claims for {@code owner}, until {@code lease} from now, every environment with a health check or an automatic
     * rollback that no other replica holds a live lease on, renewing the ones it holds. Row locks make two replicas claiming
     * at once agree: the second re-reads the row, sees the first's fresh lease and skips it.
     */
    public Uni<List<Claimed>> claimProbes(String owner, Duration lease) {
        return db.query("policy.claim_probes", "UPDATE environment_policies e SET probe_owner = $1,"
                        + " probe_lease_until = NOW() + make_interval(secs => $2) FROM projects p WHERE p.name = e.project_name"
                        + " AND (e.health_path IS NOT NULL OR e.auto_rollback_window_seconds IS NOT NULL)"
                        + " AND (e.probe_owner = $1 OR e.probe_lease_until IS NULL OR e.probe_lease_until < NOW())"
                        + " RETURNING p.team_id, e." + COLUMNS.replace(", ", ", e."),
                        Tuple.of(owner, (double) lease.toMillis() / 1000))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(r -> new Claimed(r.getString("team_id"), from(r))).toList());
    }

    /** Gives up the leases {@code owner} holds, so another replica takes over without waiting for them to lapse. */
    public Uni<Void> release(String owner) {
        return db.query("policy.release_probes", "UPDATE environment_policies SET probe_owner = NULL, probe_lease_until = NULL"
                + " WHERE probe_owner = $1", Tuple.of(owner)).replaceWithVoid();
    }
}
