package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects/{name}/locks/check}. */
@RegisterForReflection
@Schema(examples = "{\"filePaths\": [\"src/login.ts\", \"src/auth/session.ts\"], \"taskId\": 42}")
public record LockCheck(
        @Schema(description = "1 to 500 paths, normalised like lock paths") @NotNull @Size(min = 1, max = 500) List<String> filePaths,
        @Schema(description = "Check as this task: its own locks are no conflict") Integer taskId) {
}
