package kr.codeb.control.worktask;

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

/**
 * SQL for {@code work_task_files}. The database enforces the lock rules: one live editing lock per file of a project
 * ({@code ux_work_task_files_editing}, V4) and one live lock per file of a task ({@code ux_work_task_files_task_path}, V10).
 */
@ApplicationScoped
public class FileLockRepository {

    public static final String EDITING_INDEX = "ux_work_task_files_editing";
    public static final String TASK_PATH_INDEX = "ux_work_task_files_task_path";

    private static final String FROM = " FROM work_task_files f JOIN work_tasks t ON t.id = f.task_id";
    /** Reads the rows a data-changing {@code WITH changed AS (… RETURNING *)} wrote (the table itself would show the old ones). */
    private static final String FROM_CHANGED = " FROM changed f JOIN work_tasks t ON t.id = f.task_id";

    private final Db db;

    FileLockRepository(Db db) {
        this.db = db;
    }

    /** The live lock of task {@code taskId} on {@code path}, or null. */
    public Uni<FileLock> live(SqlClient client, int taskId, String path) {
        return db.query(client, "lock.live", "SELECT " + FileLock.COLUMNS + FROM
                        + " WHERE f.task_id = $1 AND f.file_path = $2 AND f.status = 'locked'", Tuple.of(taskId, path))
                .map(FileLockRepository::firstOrNull);
    }

    /** Live editing locks on any of {@code paths} in {@code project}, except those of task {@code exceptTask} (null: none excepted). */
    public Uni<List<FileLock>> editingHolders(SqlClient client, String project, List<String> paths, Integer exceptTask) {
        return db.query(client, "lock.editing_holders", "SELECT " + FileLock.COLUMNS + FROM
                        + " WHERE f.project_name = $1 AND f.file_path = ANY($2) AND f.status = 'locked' AND f.lock_type = 'editing'"
                        + " AND ($3::int IS NULL OR f.task_id <> $3) ORDER BY f.file_path, f.id",
                        Tuple.tuple(Arrays.asList(project, paths.toArray(String[]::new), exceptTask)))
                .map(FileLockRepository::all);
    }

    /** {@link #editingHolders(SqlClient, String, List, Integer)} outside any transaction. */
    public Uni<List<FileLock>> editingHolders(String project, List<String> paths, Integer exceptTask) {
        return editingHolders(db.pool(), project, paths, exceptTask);
    }

    /** Takes a new lock; fails with 23505 on one of the two unique indexes when the database refuses it. */
    public Uni<FileLock> insert(SqlConnection conn, int taskId, String path, LockType lockType, String changeDescription) {
        return db.query(conn, "lock.insert", "WITH changed AS (INSERT INTO work_task_files"
                        + " (task_id, file_path, lock_type, change_description) VALUES ($1, $2, $3, $4) RETURNING *)"
                        + " SELECT " + FileLock.COLUMNS + FROM_CHANGED,
                        Tuple.tuple(Arrays.asList(taskId, path, lockType.wire(), changeDescription)))
                .map(rows -> FileLock.from(rows.iterator().next()));
    }

    /** Changes the type (and, when given, the description) of the task's live lock on {@code path}. */
    public Uni<FileLock> change(SqlConnection conn, int taskId, String path, LockType lockType, String changeDescription) {
        return db.query(conn, "lock.change", "WITH changed AS (UPDATE work_task_files SET lock_type = $3,"
                        + " change_description = COALESCE($4, change_description)"
                        + " WHERE task_id = $1 AND file_path = $2 AND status = 'locked' RETURNING *)"
                        + " SELECT " + FileLock.COLUMNS + FROM_CHANGED,
                        Tuple.tuple(Arrays.asList(taskId, path, lockType.wire(), changeDescription)))
                .map(FileLockRepository::firstOrNull);
    }

    /** Releases the task's live lock on {@code path}; null when it holds none. */
    public Uni<FileLock> release(SqlConnection conn, int taskId, String path) {
        return db.query(conn, "lock.release", "WITH changed AS (UPDATE work_task_files SET status = 'released', released_at = NOW()"
                        + " WHERE task_id = $1 AND file_path = $2 AND status = 'locked' RETURNING *)"
                        + " SELECT " + FileLock.COLUMNS + FROM_CHANGED,
                        Tuple.of(taskId, path))
                .map(FileLockRepository::firstOrNull);
    }

    /** Releases every live lock of the task; the number released. */
    public Uni<Integer> releaseAll(SqlConnection conn, int taskId) {
        return db.query(conn, "lock.release_all", "UPDATE work_task_files SET status = 'released', released_at = NOW()"
                        + " WHERE task_id = $1 AND status = 'locked'", Tuple.of(taskId))
                .map(RowSet::rowCount);
    }

    /** Live locks of {@code project} with ids above {@code afterId} (null: from the oldest), oldest first. */
    public Uni<List<FileLock>> liveOfProject(String project, Integer afterId, int limit) {
        return db.query("lock.live_of_project", "SELECT " + FileLock.COLUMNS + FROM
                        + " WHERE f.project_name = $1 AND f.status = 'locked' AND ($2::int IS NULL OR f.id > $2) ORDER BY f.id LIMIT $3",
                        Tuple.tuple(Arrays.asList(project, afterId, limit)))
                .map(FileLockRepository::all);
    }

    private static List<FileLock> all(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(FileLock::from).toList();
    }

    private static FileLock firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? FileLock.from(rows.iterator().next()) : null;
    }
}
