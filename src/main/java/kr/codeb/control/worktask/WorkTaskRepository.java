package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

/** SQL for {@code work_tasks} (seed 000 v3). Ids are the seed's SERIAL integers. */
@ApplicationScoped
public class WorkTaskRepository {

    /** The most progress notes one task keeps; a note beyond it is refused. */
    public static final int MAX_NOTES = 1000;

    /** The settable columns of a task; null means "default" on insert and "keep" on update. */
    record Values(String title, String description, String branch, Integer prNumber, String priority, List<String> affectedFiles,
            List<String> affectedAreas, String status, String deployId) {
    }

    private final Db db;

    WorkTaskRepository(Db db) {
        this.db = db;
    }

    /** Tasks matching the filters (null: any), newest first, with ids below {@code beforeId} (null: from the newest). */
    public Uni<List<WorkTask>> list(String teamId, String project, String status, String author, Integer beforeId, int limit) {
        return db.read("work_task.list", "SELECT " + WorkTask.COLUMNS + " FROM work_tasks WHERE ($1::text IS NULL OR team_id = $1)"
                        + " AND ($2::text IS NULL OR project_name = $2) AND ($3::text IS NULL OR status = $3)"
                        + " AND ($4::text IS NULL OR author = $4) AND ($5::int IS NULL OR id < $5) ORDER BY id DESC LIMIT $6",
                        Tuple.tuple(Arrays.asList(teamId, project, status, author, beforeId, limit)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(WorkTask::from).toList());
    }

    /** The task, or null. */
    public Uni<WorkTask> find(SqlClient client, int id) {
        return db.query(client, "work_task.find", "SELECT " + WorkTask.COLUMNS + " FROM work_tasks WHERE id = $1", Tuple.of(id))
                .map(WorkTaskRepository::firstOrNull);
    }

    /** The task, locked against every other change until the transaction ends; null when there is none. */
    public Uni<WorkTask> lock(SqlConnection conn, int id) {
        return db.query(conn, "work_task.lock", "SELECT " + WorkTask.COLUMNS + " FROM work_tasks WHERE id = $1 FOR UPDATE",
                        Tuple.of(id))
                .map(WorkTaskRepository::firstOrNull);
    }

    /**
     * The task, share-locked until the transaction ends: other file locks of it may be taken at the same time, but no
     * status change can commit in between (so a finished task never gains a lock). Null when there is none.
     */
    public Uni<WorkTask> lockShared(SqlConnection conn, int id) {
        return db.query(conn, "work_task.lock_shared", "SELECT " + WorkTask.COLUMNS + " FROM work_tasks WHERE id = $1 FOR SHARE",
                        Tuple.of(id))
                .map(WorkTaskRepository::firstOrNull);
    }

    public Uni<WorkTask> insert(SqlConnection conn, String teamId, String project, String author, Values v) {
        return db.query(conn, "work_task.insert", "INSERT INTO work_tasks (team_id, project_name, title, description, author, branch,"
                        + " pr_number, priority, affected_files, affected_areas) VALUES ($1, $2, $3, COALESCE($4, ''), $5, $6, $7,"
                        + " COALESCE($8, 'medium'), COALESCE($9, '[]'::jsonb), COALESCE($10, '[]'::jsonb)) RETURNING " + WorkTask.COLUMNS,
                        Tuple.tuple(Arrays.asList(teamId, project, v.title(), v.description(), author, v.branch(), v.prNumber(),
                                v.priority(), json(v.affectedFiles()), json(v.affectedAreas()))))
                .map(rows -> WorkTask.from(rows.iterator().next()));
    }

    /** Sets the non-null values and returns the task. */
    public Uni<WorkTask> update(SqlConnection conn, int id, Values v) {
        return db.query(conn, "work_task.update", "UPDATE work_tasks SET title = COALESCE($2, title),"
                        + " description = COALESCE($3, description), branch = COALESCE($4, branch), pr_number = COALESCE($5, pr_number),"
                        + " priority = COALESCE($6, priority), affected_files = COALESCE($7, affected_files),"
                        + " affected_areas = COALESCE($8, affected_areas), status = COALESCE($9, status),"
                        + " deploy_id = COALESCE($10, deploy_id) WHERE id = $1 RETURNING " + WorkTask.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, v.title(), v.description(), v.branch(), v.prNumber(), v.priority(),
                                json(v.affectedFiles()), json(v.affectedAreas()), v.status(), v.deployId())))
                .map(rows -> WorkTask.from(rows.iterator().next()));
    }

    /**
     * Appends {@code note} to the task's progress notes in one statement (concurrent notes are all kept); null when
     * the task is gone or already holds {@link #MAX_NOTES} notes.
     */
    public Uni<WorkTask> appendNote(SqlConnection conn, int id, JsonObject note) {
        return db.query(conn, "work_task.append_note", "UPDATE work_tasks SET progress_notes ="
                        + " (CASE WHEN jsonb_typeof(progress_notes) = 'array' THEN progress_notes ELSE '[]'::jsonb END)"
                        + " || jsonb_build_array($2::jsonb) WHERE id = $1"
                        + " AND (jsonb_typeof(progress_notes) IS DISTINCT FROM 'array' OR jsonb_array_length(progress_notes) < $3)"
                        + " RETURNING " + WorkTask.COLUMNS, Tuple.of(id, note, MAX_NOTES))
                .map(WorkTaskRepository::firstOrNull);
    }

    /** Whether {@code deployId} names a deployment of {@code project}. */
    public Uni<Boolean> isDeploymentOf(SqlConnection conn, String deployId, String project) {
        return db.query(conn, "work_task.deployment_of", "SELECT 1 FROM deployments WHERE id = $1 AND project_name = $2",
                        Tuple.of(deployId, project))
                .map(rows -> rows.iterator().hasNext());
    }

    private static JsonArray json(List<String> values) {
        return values == null ? null : new JsonArray(values);
    }

    private static WorkTask firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? WorkTask.from(rows.iterator().next()) : null;
    }
}
