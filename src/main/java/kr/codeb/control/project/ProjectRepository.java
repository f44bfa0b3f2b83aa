package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.common.db.Db;

/** SQL for projects (seed 000 ProjectRepo). Names are the primary key, unique across all teams. */
@ApplicationScoped
public class ProjectRepository {

    /** A project written by an upsert, and whether the upsert created it. */
    public record Upserted(Project project, boolean created) {
    }

    private final Db db;

    ProjectRepository(Db db) {
        this.db = db;
    }

    /** Projects of {@code teamId} (null: every team) named after {@code afterName} (null: from the start), in name order. */
    public Uni<List<Project>> list(String teamId, String afterName, int limit) {
        return db.read("project.list", "SELECT " + Project.COLUMNS + " FROM projects WHERE ($1::text IS NULL OR team_id = $1)"
                        + " AND ($2::text IS NULL OR name > $2) ORDER BY name LIMIT $3", Tuple.of(teamId, afterName, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(Project::from).toList());
    }

    /** The project named {@code name}, or null. */
    public Uni<Project> find(String name) {
        return db.query("project.find", "SELECT " + Project.COLUMNS + " FROM projects WHERE name = $1", Tuple.of(name))
                .map(ProjectRepository::firstOrNull);
    }

    /**
     * Inserts the project; null when the name is already held (by any team). A missing team fails with the
     * foreign-key violation (23503).
     */
    public Uni<Project> insert(SqlConnection conn, String name, String teamId, ProjectValues v) {
        return db.query(conn, "project.insert", "INSERT INTO projects (name, team_id, type, database_name, database_port,"
                        + " redis_db, redis_port) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING "
                        + Project.COLUMNS, values(name, teamId, v))
                .map(ProjectRepository::firstOrNull);
    }

    /**
     * Creates the project, or replaces every settable column of the project of that name when it belongs to
     * {@code teamId}; null when another team holds the name. Atomic: concurrent upserts cannot both create.
     */
    public Uni<Upserted> upsert(SqlConnection conn, String name, String teamId, ProjectValues v) {
        return db.query(conn, "project.upsert", "INSERT INTO projects (name, team_id, type, database_name, database_port,"
                        + " redis_db, redis_port) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO UPDATE SET"
                        + " type = EXCLUDED.type, database_name = EXCLUDED.database_name,"
                        + " database_port = EXCLUDED.database_port, redis_db = EXCLUDED.redis_db, redis_port = EXCLUDED.redis_port"
                        + " WHERE projects.team_id = EXCLUDED.team_id"
                        // xmax is 0 on a freshly inserted row version, and the locking transaction's id on an updated one
                        + " RETURNING " + Project.COLUMNS + ", (xmax = 0) AS inserted", values(name, teamId, v))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Upserted(Project.from(row), row.getBoolean("inserted"));
                });
    }

    /** The team holding {@code name}, or null when none does (or a legacy row has no team). */
    public Uni<String> teamOf(SqlClient client, String name) {
        return db.query(client, "project.team_of", "SELECT team_id FROM projects WHERE name = $1", Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("team_id") : null);
    }

    /** Sets the non-null values of {@code v} and returns the project; null when {@code teamId} has none of that name. */
    public Uni<Project> update(SqlConnection conn, String name, String teamId, ProjectValues v) {
        return db.query(conn, "project.update", "UPDATE projects SET type = COALESCE($2, type),"
                        + " database_name = COALESCE($3, database_name), database_port = COALESCE($4, database_port),"
                        + " redis_db = COALESCE($5, redis_db), redis_port = COALESCE($6, redis_port)"
                        + " WHERE name = $1 AND team_id = $7 RETURNING " + Project.COLUMNS,
                        Tuple.tuple(Arrays.asList(name, v.type(), v.databaseName(), v.databasePort(), v.redisDb(), v.redisPort(), teamId)))
                .map(ProjectRepository::firstOrNull);
    }

    /**
     * Deletes {@code teamId}'s project with its slots, deployments, domains, variables and tasks (the foreign keys
     * cascade); false when that team has none of that name.
     */
    public Uni<Boolean> delete(SqlConnection conn, String name, String teamId) {
        return db.query(conn, "project.delete", "DELETE FROM projects WHERE name = $1 AND team_id = $2", Tuple.of(name, teamId))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Tuple values(String name, String teamId, ProjectValues v) {
        return Tuple.tuple(Arrays.asList(name, teamId, v.type() == null ? Project.DEFAULT_TYPE : v.type(), v.databaseName(),
                v.databasePort(), v.redisDb(), v.redisPort()));
    }

    private static Project firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Project.from(rows.iterator().next()) : null;
    }
}
