package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.problem.ApiException;

/**
 * Takes and releases file locks, each in one transaction with its audit row. Only an {@code editing} lock conflicts,
 * and only with another task's live {@code editing} lock on the same file of the same project; a {@code reviewing}
 * lock conflicts with nothing. Under a race the database's unique index decides, and the loser gets the same 409
 * naming the holder as a request that saw the holder first.
 */
@ApplicationScoped
public class FileLockService {

    /** A lock after a lock request, and whether the request created it (201) or found or changed the task's own (200). */
    public record Taken(FileLock lock, boolean created) {
    }

    private final WorkTaskRepository tasks;
    private final FileLockRepository locks;
    private final Audited audited;

    FileLockService(WorkTaskRepository tasks, FileLockRepository locks, Audited audited) {
        this.tasks = tasks;
        this.locks = locks;
        this.audited = audited;
    }

    /**
     * Locks {@code path} for {@code task}. The task's own live lock of the same type is returned unchanged (idempotent);
     * of the other type it is changed to this type (an upgrade to editing is checked for conflicts like a new lock).
     */
    public Uni<Taken> take(Grant grant, WorkTask task, String path, LockType lockType, String changeDescription) {
        Map<String, Object> params = Map.of("filePath", path, "lockType", lockType.wire());
        return attempt(grant, params, task.id(), path, lockType, changeDescription)
                // the same task asked twice at once: the second now finds the first's lock
                .onFailure(e -> violates(e, FileLockRepository.TASK_PATH_INDEX))
                .recoverWithUni(() -> attempt(grant, params, task.id(), path, lockType, changeDescription))
                .onFailure(e -> violates(e, FileLockRepository.EDITING_INDEX))
                .recoverWithUni(() -> lostRace(task, path));
    }

    /** Releases the task's live lock on {@code path}; 404 when it holds none. */
    public Uni<FileLock> release(Grant grant, int taskId, String path) {
        return audited.change(grant, String.valueOf(taskId), Map.of("filePath", path), tx -> locks.release(tx.conn(), taskId, path)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Work task " + taskId + " holds no lock on '" + path + "'")));
    }

    private Uni<Taken> attempt(Grant grant, Map<String, Object> params, int taskId, String path, LockType lockType,
            String changeDescription) {
        return audited.change(grant, String.valueOf(taskId), params, tx -> tasks.lockShared(tx.conn(), taskId).chain(task -> {
            SqlConnection conn = tx.conn();
            if (task == null) {
                throw TaskAccess.notFound(String.valueOf(taskId));
            }
            if (TaskStatus.isFinished(task.status())) {
                throw ApiException.conflict("Work task " + taskId + " is " + task.status() + "; a finished task takes no locks");
            }
            return locks.live(conn, taskId, path).chain(own -> {
                if (own != null && own.lockType() == lockType) {
                    return Uni.createFrom().item(new Taken(own, false));
                }
                Uni<Void> free = lockType != LockType.EDITING ? Uni.createFrom().voidItem()
                        : locks.editingHolders(conn, task.projectName(), List.of(path), taskId).invoke(holders -> {
                            if (!holders.isEmpty()) {
                                throw conflict(path, holders);
                            }
                        }).replaceWithVoid();
                return free.chain(() -> own == null
                        ? locks.insert(conn, taskId, path, lockType, changeDescription).map(l -> new Taken(l, true))
                        : locks.change(conn, taskId, path, lockType, changeDescription).map(l -> new Taken(l, false)));
            });
        }));
    }

    /** The answer after the editing index refused our lock: the holder, read now that our transaction is rolled back. */
    private Uni<Taken> lostRace(WorkTask task, String path) {
        return locks.editingHolders(task.projectName(), List.of(path), task.id()).map(holders -> {
            if (holders.isEmpty()) {
                throw ApiException.conflict("Another task locked '" + path + "' for editing at the same moment and has"
                        + " released it since; retry", Map.of("conflicts", List.of()));
            }
            throw conflict(path, holders);
        });
    }

    static ApiException conflict(String path, List<FileLock> holders) {
        FileLock h = holders.get(0);
        return ApiException.conflict("'" + path + "' is being edited by work task " + h.taskId() + " (" + h.author() + ")",
                Map.of("conflicts", holders.stream().map(FileLock::conflict).toList()));
    }

    private static boolean violates(Throwable e, String index) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState()) && index.equals(pg.getConstraint());
    }
}
