package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lock a work task holds (or held) on one file of its project, with that task's title and author (seed 000 v3 work_task_files). */
@RegisterForReflection
public record FileLock(
        @Schema(examples = "7") int id,
        @Schema(examples = "42") int taskId,
        @Schema(examples = "my-app") String projectName,
        @Schema(examples = "src/login.ts") String filePath,
        @Schema(enumeration = {"editing", "reviewing"}) LockType lockType,
        @Schema(nullable = true) String changeDescription,
        @Schema(enumeration = {"locked", "released"}) String status,
        @Schema(nullable = true) Instant lockedAt,
        @Schema(nullable = true) Instant releasedAt,
        @Schema(nullable = true, examples = "Add login form") String title,
        @Schema(nullable = true, examples = "kim@example.com") String author) {

    public static final String TYPES = "editing|reviewing";
    public static final String TYPES_MESSAGE = "must be one of editing, reviewing";

    /** The columns of {@code work_task_files f JOIN work_tasks t}. */
    static final String COLUMNS = "f.id, f.task_id, f.project_name, f.file_path, f.lock_type, f.change_description, f.status,"
            + " f.locked_at, f.released_at, t.title, t.author";

    static FileLock from(Row row) {
        return new FileLock(row.getInteger("id"), row.getInteger("task_id"), row.getString("project_name"), row.getString("file_path"),
                LockType.of(row.getString("lock_type")), row.getString("change_description"), row.getString("status"),
                instant(row.getOffsetDateTime("locked_at")), instant(row.getOffsetDateTime("released_at")), row.getString("title"),
                row.getString("author"));
    }

    /** What a conflict answer says about this lock. */
    LockConflict conflict() {
        return new LockConflict(filePath, taskId, title, author, lockType, lockedAt);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
