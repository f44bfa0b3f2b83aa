package kr.codeb.control.support;

import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request could have written: the row count of every main table, and a content hash of the rows that belong
 * to one team (its team row, members, keys, projects and everything under them). Two equal snapshots mean no row was
 * inserted or deleted anywhere and no row of that team changed. {@code api_keys.last_used_at} is left out: every
 * authenticated request may stamp it.
 */
public final class RowSnapshot implements AutoCloseable {

    /** The tables of SPEC §3 and the later migrations that hold team data (audit_logs is written by every request). */
    public static final List<String> TABLES = List.of("teams", "team_members", "api_keys", "projects", "project_slots", "deployments",
            "domains", "project_envs", "project_env_versions", "environment_freezes", "work_tasks", "work_task_files",
            "webhooks", "webhook_events", "webhook_deliveries");

    private static final String SQL;

    static {
        List<String> parts = new ArrayList<>();
        for (String table : TABLES) {
            parts.add("SELECT 'rows of " + table + "' AS what, count(*)::text AS value FROM " + table);
        }
        String digest = "count(*) || ':' || COALESCE(sum(hashtext((to_jsonb(x) - 'last_used_at')::text)), 0)";
        String ofProjects = "project_name IN (SELECT name FROM p)";
        parts.add("SELECT 'team teams', " + digest + " FROM teams x WHERE id = $1");
        parts.add("SELECT 'team team_members', " + digest + " FROM team_members x WHERE team_id = $1");
        parts.add("SELECT 'team api_keys', " + digest + " FROM api_keys x WHERE team_id = $1");
        parts.add("SELECT 'team projects', " + digest + " FROM projects x WHERE team_id = $1");
        parts.add("SELECT 'team webhooks', " + digest + " FROM webhooks x WHERE team_id = $1");
        for (String table : List.of("project_slots", "deployments", "domains", "project_envs", "project_env_versions", "environment_freezes")) {
            parts.add("SELECT 'team " + table + "', " + digest + " FROM " + table + " x WHERE " + ofProjects);
        }
        parts.add("SELECT 'team work_tasks', " + digest + " FROM work_tasks x WHERE id IN (SELECT id FROM t)");
        parts.add("SELECT 'team work_task_files', " + digest + " FROM work_task_files x WHERE task_id IN (SELECT id FROM t)");
        SQL = "WITH p AS (SELECT name FROM projects WHERE team_id = $1),"
                + " t AS (SELECT id FROM work_tasks WHERE team_id = $1 OR project_name IN (SELECT name FROM p)) "
                + String.join(" UNION ALL ", parts);
    }

    private final SqlConnection connection;
    private final PreparedStatement statement;

    private RowSnapshot(SqlConnection connection) {
        this.connection = connection;
        this.statement = connection.prepare(SQL).await().indefinitely();
    }

    /** A snapshotter that keeps its statement prepared on one connection: cheap enough to run after every request. */
    public static RowSnapshot open() {
        return new RowSnapshot(Fixtures.pool().getConnection().await().indefinitely());
    }

    /** One snapshot with {@code teamId}'s rows hashed. */
    public static Map<String, String> of(String teamId) {
        try (RowSnapshot snapshot = open()) {
            return snapshot.take(teamId);
        }
    }

    /** The snapshot with {@code teamId}'s rows hashed. */
    public Map<String, String> take(String teamId) {
        Map<String, String> out = new TreeMap<>();
        statement.query().execute(Tuple.of(teamId)).await().indefinitely().forEach(row -> out.put(row.getString(0), row.getString(1)));
        return out;
    }

    @Override
    public void close() {
        connection.close().await().indefinitely();
    }

    /** The entries that differ, as {@code what: before → after}; empty when the snapshots are equal. */
    public static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        before.forEach((what, value) -> {
            if (!value.equals(after.get(what))) {
                out.add(what + ": " + value + " → " + after.get(what));
            }
        });
        return out;
    }
}
