package kr.codeb.control.proxy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.db.Db;

/** SQL of the edge sync: every domain with its team and its environment's active port; {@code caddy_configured}; the reconciler's lock. */
@ApplicationScoped
class ProxyRepository {

    /** Advisory lock held by the one reconciler running across replicas. */
    static final long RECONCILE_LOCK = 7_262_013L;

    /** Everything the desired state is computed from, read at one moment. */
    record Snapshot(List<DesiredRoutes.Known> domains, Map<String, DesiredRoutes.Target> environments, Map<String, Instant> envUpdatedAt) {
    }

    private final Db db;

    ProxyRepository(Db db) {
        this.db = db;
    }

    Uni<Snapshot> snapshot() {
        return db.query("proxy.domains", "SELECT d.domain, COALESCE(d.status, 'pending') AS status, d.project_name, d.environment,"
                        + " COALESCE(p.team_id, '') AS team_id FROM domains d JOIN projects p ON p.name = d.project_name", Tuple.tuple())
                .chain(domains -> db.query("proxy.environments", "SELECT s.project_name, s.environment, COALESCE(p.team_id, '') AS team_id,"
                                + " s.updated_at, CASE WHEN s.blue_state = 'active' THEN s.blue_port"
                                + " WHEN s.green_state = 'active' THEN s.green_port END AS port"
                                + " FROM project_slots s JOIN projects p ON p.name = s.project_name", Tuple.tuple())
                        .map(envs -> {
                            List<DesiredRoutes.Known> known = new ArrayList<>();
                            for (Row r : domains) {
                                known.add(new DesiredRoutes.Known(r.getString("domain"), r.getString("team_id"), r.getString("project_name"),
                                        r.getString("environment"), r.getString("status")));
                            }
                            Map<String, DesiredRoutes.Target> targets = new HashMap<>();
                            Map<String, Instant> updated = new HashMap<>();
                            for (Row r : envs) {
                                String key = DesiredRoutes.key(r.getString("project_name"), r.getString("environment"));
                                targets.put(key, new DesiredRoutes.Target(r.getString("team_id"), r.getInteger("port")));
                                if (r.getOffsetDateTime("updated_at") != null) {
                                    updated.put(key, r.getOffsetDateTime("updated_at").toInstant());
                                }
                            }
                            return new Snapshot(known, targets, updated);
                        }));
    }

    /**
     * Sets {@code caddy_configured} of the domains in {@code scope} (null: every domain) to whether they are in
     * {@code applied}; rows already right are not written.
     */
    Uni<Void> markConfigured(Collection<String> applied, Collection<String> scope) {
        String[] a = applied.toArray(String[]::new);
        if (scope == null) {
            return db.query("proxy.configured_all", "UPDATE domains SET caddy_configured = (domain = ANY($1))"
                    + " WHERE caddy_configured IS DISTINCT FROM (domain = ANY($1))", Tuple.of(a)).replaceWithVoid();
        }
        if (scope.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.query("proxy.configured", "UPDATE domains SET caddy_configured = (domain = ANY($1))"
                + " WHERE domain = ANY($2) AND caddy_configured IS DISTINCT FROM (domain = ANY($1))",
                Tuple.of(a, scope.toArray(String[]::new))).replaceWithVoid();
    }

    /** Waits until no reconcile holds the lock exclusively, then holds it shared until this transaction ends. */
    Uni<Void> sharedReconcileLock(SqlConnection conn) {
        return db.query(conn, "proxy.sync_lock", "SELECT pg_advisory_xact_lock_shared($1)", Tuple.of(RECONCILE_LOCK)).replaceWithVoid();
    }

    /** Whether this transaction got the reconciler's lock exclusively (released when it ends). */
    Uni<Boolean> tryReconcileLock(SqlConnection conn) {
        return db.query(conn, "proxy.reconcile_lock", "SELECT pg_try_advisory_xact_lock($1) AS got", Tuple.of(RECONCILE_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("got"));
    }
}
