package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.problem.ApiException;

/**
 * Work-task changes, each one audited transaction: create, change (the status flow; done and deployed release the
 * task's locks in the same transaction), progress notes.
 */
@ApplicationScoped
public class WorkTaskService {

    private final WorkTaskRepository tasks;
    private final FileLockRepository locks;
    private final Audited audited;

    WorkTaskService(WorkTaskRepository tasks, FileLockRepository locks, Audited audited) {
        this.tasks = tasks;
        this.locks = locks;
        this.audited = audited;
    }

    public Uni<WorkTask> create(Grant grant, String project, String author, WorkTaskRepository.Values values, NewWorkTask body) {
        return audited.create(grant, body, tx -> tasks.insert(tx.conn(), grant.teamId(), project, author, values),
                t -> String.valueOf(t.id()));
    }

    public Uni<WorkTask> update(Grant grant, int id, String rawId, WorkTaskPatch body, WorkTaskRepository.Values values) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        return audited.change(grant, String.valueOf(id), Map.of("changes", body), tx -> tasks.lock(tx.conn(), id)
                .onItem().ifNull().failWith(() -> TaskAccess.notFound(rawId))
                .chain(current -> {
                    if (body.status() != null && !TaskStatus.allowed(current.status(), body.status())) {
                        List<String> next = TaskStatus.next(current.status());
                        throw ApiException.conflict("Work task " + current.id() + " is " + current.status() + "; it cannot move to "
                                + body.status() + (next.isEmpty() ? " (it is final)" : " (allowed: " + String.join(", ", next) + ")"));
                    }
                    outcome.put("fromStatus", current.status());
                    Uni<Void> deployment = body.deployId() == null ? Uni.createFrom().voidItem()
                            : tasks.isDeploymentOf(tx.conn(), body.deployId(), current.projectName()).invoke(ok -> {
                                if (!ok) {
                                    throw ApiException.invalid("deployId", "names no deployment of project " + current.projectName());
                                }
                            }).replaceWithVoid();
                    return deployment.chain(() -> tasks.update(tx.conn(), current.id(), values))
                            .call(updated -> !TaskStatus.isFinished(updated.status()) ? Uni.createFrom().voidItem()
                                    : locks.releaseAll(tx.conn(), updated.id()).invoke(n -> outcome.put("locksReleased", n)).replaceWithVoid());
                }), updated -> outcome);
    }

    public Uni<WorkTask> note(Grant grant, int id, String rawId, JsonObject note, NewNote body) {
        return audited.change(grant, String.valueOf(id), body, tx -> tasks.appendNote(tx.conn(), id, note)
                .onItem().ifNull().switchTo(() -> tasks.find(tx.conn(), id).<WorkTask>map(gone -> {
                    throw gone == null ? TaskAccess.notFound(rawId)
                            : ApiException.conflict("Work task " + rawId + " already holds " + WorkTaskRepository.MAX_NOTES + " notes");
                })));
    }
}
