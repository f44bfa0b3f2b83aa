package kr.codeb.control.worktask;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;

/**
 * Authorises an action on a work task addressed by its path id: an id that is not a positive 32-bit integer, an
 * unknown task and another team's task are all 404, then the role rule applies.
 */
@ApplicationScoped
public class TaskAccess {

    /** The task as read before the action, and the grant to act on it. */
    public record Granted(WorkTask task, Grant grant) {

        public Caller caller() {
            return grant.caller();
        }
    }

    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,9}");

    private final WorkTaskRepository tasks;
    private final Gate gate;
    private final Db db;

    TaskAccess(WorkTaskRepository tasks, Gate gate, Db db) {
        this.tasks = tasks;
        this.gate = gate;
        this.db = db;
    }

    public Uni<Granted> require(Action action, String rawId) {
        OptionalInt id = parse(rawId);
        if (id.isEmpty()) {
            gate.note(action, null, null);
            return Uni.createFrom().failure(notFound(rawId));
        }
        String shown = String.valueOf(id.getAsInt());
        gate.note(action, null, shown);
        return tasks.find(db.pool(), id.getAsInt()).map(task -> {
            if (task == null) {
                throw notFound(rawId);
            }
            return new Granted(task, gate.enter(action, task.teamId(), shown, detail(rawId)));
        });
    }

    /** The task id a path segment names, or empty when it cannot name one. */
    public static OptionalInt parse(String raw) {
        if (raw == null || !POSITIVE.matcher(raw).matches()) {
            return OptionalInt.empty();
        }
        long id = Long.parseLong(raw);
        return id > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) id);
    }

    static ApiException notFound(String rawId) {
        return ApiException.notFound(detail(rawId));
    }

    private static String detail(String rawId) {
        return "No work task " + RequestParams.shown(rawId);
    }
}
