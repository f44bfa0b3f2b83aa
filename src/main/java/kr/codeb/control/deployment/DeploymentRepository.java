package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.project.Environment;
import kr.codeb.control.slot.SlotColor;

/** SQL for deployments (seed 000 DeploymentRepo). */
@ApplicationScoped
public class DeploymentRepository {

    private final Db db;

    DeploymentRepository(Db db) {
        this.db = db;
    }

    private static Deployment first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Deployment.from(rows.iterator().next()) : null;
    }

    private static List<Deployment> all(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(Deployment::from).toList();
    }

    /** The deployment {@code id}; null when there is none. */
    public Uni<Deployment> find(SqlClient client, String id) {
        return db.query(client, "deployment.find", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE id = $1", Tuple.of(id))
                .map(DeploymentRepository::first);
    }

    /** The deployment {@code id}, locked; null when there is none. */
    public Uni<Deployment> lock(SqlClient conn, String id) {
        return db.query(conn, "deployment.lock", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE id = $1 FOR UPDATE",
                        Tuple.of(id))
                .map(DeploymentRepository::first);
    }

    /** The pending or running deployment of a project environment: the holder of its deploy lock; null when free. */
    public Uni<Deployment> inFlight(SqlClient conn, String project, String env) {
        return db.query(conn, "deployment.in_flight", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE project_name = $1"
                        + " AND environment = $2 AND status IN ('pending', 'running') ORDER BY created_at LIMIT 1", Tuple.of(project, env))
                .map(DeploymentRepository::first);
    }

    /** The newest deployment made to one side of a project environment; null when there was none. */
    public Uni<Deployment> latestOnSlot(SqlClient conn, String project, String env, SlotColor slot) {
        return db.query(conn, "deployment.latest_on_slot", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE project_name = $1"
                        + " AND environment = $2 AND slot = $3 ORDER BY started_at DESC NULLS LAST, created_at DESC, id DESC LIMIT 1",
                        Tuple.of(project, env, slot.wire()))
                .map(DeploymentRepository::first);
    }

    /** The env-var version current now, or null when no variables were ever written. */
    public Uni<Integer> currentEnvVersion(SqlClient conn, String project, String env) {
        return db.query(conn, "deployment.env_version", "SELECT version FROM project_envs WHERE project_name = $1 AND environment = $2",
                        Tuple.of(project, env))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : null);
    }

    /** What a new deployment row holds: started ({@code pending}, on {@code slot}) or {@code queued} until {@code waitUntil}. */
    public record Draft(String id, String project, String env, SlotColor slot, String version, String image, Integer port,
            String by, Integer envVersion, OffsetDateTime waitUntil, String fromDeployment, boolean restoreVariables) {
    }

    public Uni<Deployment> insert(SqlClient conn, Draft d) {
        boolean queued = d.waitUntil() != null;
        return db.query(conn, "deployment.insert", "INSERT INTO deployments (id, project_name, environment, slot, version, image,"
                        + " port, status, deployed_by, env_version, wait_until, from_deployment, restore_variables, started_at, queue_seq)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text, $9, $10, $11, $12, $13, CASE WHEN $8::text = 'queued' THEN NULL ELSE NOW() END,"
                        + " CASE WHEN $8::text = 'queued' THEN nextval('deployment_queue_seq') END)"
                        + " RETURNING " + Deployment.COLUMNS,
                        Tuple.tuple(Arrays.asList(d.id(), d.project(), d.env(), d.slot() == null ? null : d.slot().wire(), d.version(),
                                d.image(), d.port(), queued ? "queued" : "pending", d.by(), d.envVersion(), d.waitUntil(),
                                d.fromDeployment(), d.restoreVariables())))
                .map(rows -> Deployment.from(rows.iterator().next()));
    }

    /** A queued deployment starts: pending on {@code slot}, with the env version current now. */
    public Uni<Deployment> start(SqlClient conn, String id, SlotColor slot, Integer envVersion) {
        return db.query(conn, "deployment.start", "UPDATE deployments SET status = 'pending', slot = $2, env_version = $3, started_at = NOW()"
                        + " WHERE id = $1 AND status = 'queued' RETURNING " + Deployment.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, slot.wire(), envVersion)))
                .map(DeploymentRepository::first);
    }

    /** Ends a queued, pending or running deployment as cancelled by {@code by}. */
    public Uni<Deployment> cancel(SqlClient conn, String id, String by, String reason) {
        return db.query(conn, "deployment.cancel", "UPDATE deployments SET status = 'cancelled', cancelled_by = $2, cancel_reason = $3,"
                        + " completed_at = NOW() WHERE id = $1 AND status IN ('queued', 'pending', 'running') RETURNING " + Deployment.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, by, reason)))
                .map(DeploymentRepository::first);
    }

    /** The queue of a project environment in the order it starts (first in, first out). */
    public Uni<List<Deployment>> queued(SqlClient client, String project, String env) {
        return db.query(client, "deployment.queued", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE project_name = $1"
                        + " AND environment = $2 AND status = 'queued' ORDER BY queue_seq", Tuple.of(project, env))
                .map(DeploymentRepository::all);
    }

    /** Expires the queued deployments of a project environment whose wait ran out; answers them. */
    public Uni<List<Deployment>> expireOverdue(SqlClient conn, String project, String env) {
        return db.query(conn, "deployment.expire", "UPDATE deployments SET status = 'expired', completed_at = NOW()"
                        + " WHERE project_name = $1 AND environment = $2 AND status = 'queued' AND wait_until <= NOW()"
                        + " RETURNING " + Deployment.COLUMNS, Tuple.of(project, env))
                .map(DeploymentRepository::all);
    }

    /** Project environments whose queue has work: an expired wait, or a free lock with someone waiting. */
    public Uni<List<List<String>>> queuesWithWork(int limit) {
        return db.query("deployment.queue_work", "SELECT DISTINCT q.project_name, q.environment FROM deployments q"
                        + " WHERE q.status = 'queued' AND (q.wait_until <= NOW() OR NOT EXISTS (SELECT 1 FROM deployments f"
                        + " WHERE f.project_name = q.project_name AND f.environment = q.environment AND f.status IN ('pending', 'running')))"
                        + " LIMIT $1", Tuple.of(limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(r -> List.of(r.getString("project_name"), r.getString("environment"))).toList());
    }

    /** Those of {@code ids} that have reached a final status. */
    public Uni<List<Deployment>> finished(List<String> ids) {
        return db.query("deployment.finished", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE id = ANY($1)"
                        + " AND status IN ('success', 'failed', 'cancelled', 'expired')", Tuple.of(ids.toArray(String[]::new)))
                .map(DeploymentRepository::all);
    }

    public Uni<Deployment> updateStatus(SqlClient conn, String id, DeploymentStatus status, JsonArray steps, Integer duration) {
        return db.query(conn, "deployment.update_status", "UPDATE deployments SET status = $2::text, steps = COALESCE($3, steps),"
                        + " duration = COALESCE($4, duration),"
                        + " completed_at = CASE WHEN $2::text IN ('success', 'failed', 'cancelled', 'expired') THEN NOW() ELSE completed_at END"
                        + " WHERE id = $1 RETURNING " + Deployment.COLUMNS, Tuple.tuple(Arrays.asList(id, status.wire(), steps, duration)))
                .map(rows -> Deployment.from(rows.iterator().next()));
    }

    public Uni<Void> markPromoted(SqlClient conn, String id, String by) {
        return db.query(conn, "deployment.mark_promoted", "UPDATE deployments SET promoted_at = NOW(), promoted_by = $2,"
                        + " auto_promote_until = NULL, rolled_back_at = NULL, rolled_back_by = NULL, rollback_reason = NULL WHERE id = $1", Tuple.of(id, by))
                .replaceWithVoid();
    }

    public Uni<Void> markRolledBack(SqlClient conn, String id, String by, String reason) {
        return db.query(conn, "deployment.mark_rolled_back", "UPDATE deployments SET rolled_back_at = NOW(), rolled_back_by = $2,"
                        + " rollback_reason = $3 WHERE id = $1", Tuple.of(id, by, reason))
                .replaceWithVoid();
    }

    /** A project's deployments, newest first, keyset after (createdAt, id). */
    public Uni<List<Deployment>> list(String project, String env, DeploymentStatus status, OffsetDateTime afterCreated, String afterId,
            int limit) {
        return db.read("deployment.list", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE project_name = $1"
                        + " AND ($2::text IS NULL OR environment = $2) AND ($3::text IS NULL OR status = $3)"
                        + " AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5)) ORDER BY created_at DESC, id DESC LIMIT $6",
                        Tuple.tuple(Arrays.asList(project, env, status == null ? null : status.wire(), afterCreated, afterId, limit)))
                .map(DeploymentRepository::all);
    }

    /** Per environment (every one, including those never deployed to): totals, outcomes, mean duration, last deploy. */
    public Uni<Map<String, DeploymentStats>> stats(String project) {
        return db.read("deployment.stats", "SELECT environment, count(*) AS total,"
                + " count(*) FILTER (WHERE status = 'success') AS succeeded, count(*) FILTER (WHERE status = 'failed') AS failed,"
                + " count(*) FILTER (WHERE status = 'cancelled') AS cancelled, count(*) FILTER (WHERE status = 'expired') AS expired,"
                + " avg(duration) FILTER (WHERE duration IS NOT NULL) AS avg_duration, max(created_at) AS last_deployed_at"
                + " FROM deployments WHERE project_name = $1 GROUP BY environment ORDER BY environment", Tuple.of(project))
                .map(rows -> {
                    Map<String, DeploymentStats> out = new LinkedHashMap<>();
                    Environment.ALL.forEach(e -> out.put(e, DeploymentStats.NONE));
                    rows.forEach(r -> out.put(r.getString("environment"), DeploymentStats.from(r)));
                    return out;
                });
    }

    /** Pending/running deployments older than {@code timeout}, oldest first (not locked: each is claimed on its own). */
    public Uni<List<Deployment>> timedOut(Duration timeout, int limit) {
        return db.query("deployment.timed_out", "SELECT " + Deployment.COLUMNS + " FROM deployments"
                        + " WHERE status IN ('pending', 'running') AND started_at < NOW() - make_interval(secs => $1)"
                        + " ORDER BY started_at LIMIT $2", Tuple.of(seconds(timeout), limit))
                .map(DeploymentRepository::all);
    }

    /** The deployment {@code id}, locked, if it is still pending/running past {@code timeout}; null when not, or when another replica holds it. */
    public Uni<Deployment> lockTimedOut(SqlClient conn, String id, Duration timeout) {
        return db.query(conn, "deployment.lock_timed_out", "SELECT " + Deployment.COLUMNS + " FROM deployments WHERE id = $1"
                        + " AND status IN ('pending', 'running') AND started_at < NOW() - make_interval(secs => $2)"
                        + " FOR UPDATE SKIP LOCKED", Tuple.of(id, seconds(timeout)))
                .map(DeploymentRepository::first);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
