package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/work-tasks/{id}/notes}; the server stamps the date. */
@RegisterForReflection
@Schema(examples = "{\"note\": \"Login form done; tests next\", \"author\": \"kim@example.com\"}")
public record NewNote(
        @NotBlank @Size(max = 10000) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String note,
        @NotBlank @Size(max = 255) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String author) {
}
