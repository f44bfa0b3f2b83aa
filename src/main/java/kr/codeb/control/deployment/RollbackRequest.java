package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST …/rollback}. */
@RegisterForReflection
@Schema(examples = "{\"reason\": \"Health check failed after promote\", \"restoreVariables\": true}")
public record RollbackRequest(
        @Schema(examples = "Health check failed after promote") @Size(max = 2000) String reason,
        @Schema(description = "Also restore the env-var version the restored deployment was created with", defaultValue = "false")
        Boolean restoreVariables) {
}
