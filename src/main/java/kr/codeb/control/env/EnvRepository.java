package kr.codeb.control.env;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.db.Db;

/**
 * SQL for env variables: {@code project_envs} holds the current version of each project environment,
 * {@code project_env_versions} every version ever written (the current one included).
 */
@ApplicationScoped
public class EnvRepository {

    /** A version as listed: names only, never values. */
    record VersionKeys(int version, String createdBy, OffsetDateTime createdAt, List<String> keys) {
    }

    // A current row without its history entry (written before the history table, or by hand) still counts as a version.
    private static final String VERSIONS = "SELECT version, env_data, encrypted, created_by, created_at FROM project_env_versions"
            + " WHERE project_name = $1 AND environment = $2"
            + " UNION ALL SELECT e.version, e.env_data, e.encrypted, e.created_by, COALESCE(e.updated_at, e.created_at) FROM project_envs e"
            + " WHERE e.project_name = $1 AND e.environment = $2 AND NOT EXISTS (SELECT 1 FROM project_env_versions v"
            + " WHERE v.project_name = e.project_name AND v.environment = e.environment AND v.version = e.version)";

    private final Db db;

    EnvRepository(Db db) {
        this.db = db;
    }

    private static StoredEnv first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? StoredEnv.from(rows.iterator().next()) : null;
    }

    /** The current version, unlocked; null when never written. */
    public Uni<StoredEnv> current(SqlClient client, String project, String env) {
        return db.query(client, "env.current", "SELECT version, env_data, encrypted FROM project_envs WHERE project_name = $1"
                        + " AND environment = $2", Tuple.of(project, env))
                .map(EnvRepository::first);
    }

    /** The current version, holding its row lock until the transaction ends: writers queue here; null when never written. */
    public Uni<StoredEnv> lock(SqlClient conn, String project, String env) {
        return db.query(conn, "env.lock", "SELECT version, env_data, encrypted FROM project_envs WHERE project_name = $1"
                        + " AND environment = $2 FOR UPDATE", Tuple.of(project, env))
                .map(EnvRepository::first);
    }

    /**
     * Creates the row of a first write, numbered after any history left behind; null when a concurrent writer
     * created it first (the caller then locks that row and applies its change on top).
     */
    public Uni<Integer> insertFirst(SqlClient conn, String project, String env, Map<String, String> data, String by) {
        return db.query(conn, "env.insert_first", "INSERT INTO project_envs (project_name, environment, env_data, encrypted, version,"
                        + " created_by) SELECT $1::varchar, $2::varchar, $3::jsonb, true, COALESCE(MAX(version), 0) + 1, $4::varchar"
                        + " FROM project_env_versions"
                        + " WHERE project_name = $1 AND environment = $2"
                        + " ON CONFLICT (project_name, environment) DO NOTHING RETURNING version",
                        Tuple.of(project, env, StoredEnv.json(data), by))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : null);
    }

    public Uni<Void> update(SqlClient conn, String project, String env, Map<String, String> data, int version) {
        return db.query(conn, "env.update", "UPDATE project_envs SET env_data = $3, encrypted = true, version = $4"
                        + " WHERE project_name = $1 AND environment = $2", Tuple.of(project, env, StoredEnv.json(data), version))
                .replaceWithVoid();
    }

    /**
     * Copies the current row into the history unless its version is there already (a row written before the
     * history existed, or by hand), so the write that supersedes it does not lose it.
     */
    public Uni<Void> keepCurrentInHistory(SqlClient conn, String project, String env) {
        return db.query(conn, "env.keep_current", "INSERT INTO project_env_versions (project_name, environment, version, env_data,"
                        + " encrypted, created_by, created_at) SELECT project_name, environment, version, env_data, COALESCE(encrypted, false),"
                        + " created_by, COALESCE(updated_at, created_at, NOW()) FROM project_envs WHERE project_name = $1 AND environment = $2"
                        + " ON CONFLICT (project_name, environment, version) DO NOTHING", Tuple.of(project, env))
                .replaceWithVoid();
    }

    /** Appends the full (encrypted) content of a new version to the history. */
    public Uni<StoredEnv> append(SqlClient conn, String project, String env, int version, Map<String, String> data, String by) {
        return db.query(conn, "env.append_version", "INSERT INTO project_env_versions (project_name, environment, version, env_data,"
                        + " encrypted, created_by) VALUES ($1, $2, $3, $4, true, $5) RETURNING version, env_data, encrypted, created_by,"
                        + " created_at", Tuple.tuple(Arrays.asList(project, env, version, StoredEnv.json(data), by)))
                .map(rows -> StoredEnv.from(rows.iterator().next()));
    }

    /** One version with its content; null when it never existed. */
    public Uni<StoredEnv> version(SqlClient client, String project, String env, int version) {
        return db.query(client, "env.version", "SELECT * FROM (" + VERSIONS + ") v WHERE version = $3 LIMIT 1",
                        Tuple.of(project, env, version))
                .map(EnvRepository::first);
    }

    /** Versions below {@code before} (all when null), newest first, with their variable names only. */
    public Uni<List<VersionKeys>> list(String project, String env, Integer before, int limit) {
        return db.read("env.list_versions", "SELECT version, created_by, created_at, ARRAY(SELECT k FROM jsonb_object_keys(env_data) AS k"
                        + " ORDER BY k COLLATE \"C\") AS keys FROM (" + VERSIONS + ") v WHERE ($3::int IS NULL OR version < $3) ORDER BY version DESC LIMIT $4",
                        Tuple.tuple(Arrays.asList(project, env, before, limit)))
                .map(rows -> {
                    List<VersionKeys> out = new ArrayList<>();
                    for (Row r : rows) {
                        String[] keys = r.getArrayOfStrings("keys");
                        out.add(new VersionKeys(r.getInteger("version"), r.getString("created_by"), r.getOffsetDateTime("created_at"),
                                keys == null ? List.of() : List.of(keys)));
                    }
                    return out;
                });
    }
}
