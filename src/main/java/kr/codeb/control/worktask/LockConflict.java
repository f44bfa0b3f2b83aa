package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Another task's live {@code editing} lock that stands in the way of editing a file. */
@RegisterForReflection
public record LockConflict(
        @Schema(examples = "src/login.ts") String filePath,
        @Schema(examples = "41") int taskId,
        @Schema(examples = "Refactor auth") String title,
        @Schema(examples = "lee@example.com") String author,
        @Schema(enumeration = {"editing"}) LockType lockType,
        @Schema(nullable = true) Instant lockedAt) {
}
