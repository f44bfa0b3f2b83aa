package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a task's {@code progress_notes}: when (ISO-8601 UTC), what and by whom. */
@RegisterForReflection
public record ProgressNote(
        @Schema(examples = "2026-01-15T09:30:00Z") String date,
        @Schema(examples = "Login form done; tests next") String note,
        @Schema(examples = "kim@example.com") String author) {
}
