package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/work-tasks/{id}/locks}. */
@RegisterForReflection
@Schema(examples = "{\"filePath\": \"src/login.ts\", \"lockType\": \"editing\", \"changeDescription\": \"new form fields\"}")
public record NewLock(
        @Schema(examples = "src/login.ts", description = "Normalised: '\\' becomes '/', './' and duplicate '/' go; '..' is refused")
        @NotBlank @Size(max = 4000) String filePath,
        @Schema(enumeration = {"editing", "reviewing"}) @NotNull
        @Pattern(regexp = FileLock.TYPES, message = FileLock.TYPES_MESSAGE) String lockType,
        @Size(max = 10000) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String changeDescription) {
}
