package kr.codeb.control.env;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the env-variable endpoints. Values arrive as raw JSON so a non-string is a field error, not a coercion. */
public final class EnvRequests {

    private EnvRequests() {
    }

    /** {@code PUT …/variables}: the complete new set. */
    @RegisterForReflection
    @Schema(examples = "{\"variables\": {\"DATABASE_URL\": \"postgresql://db:5432/app\", \"LOG_LEVEL\": \"info\"}}")
    public record Replace(
            @Schema(description = "Every variable of the new version; names match ^[A-Z_][A-Z0-9_]*$, values are strings of at most"
                    + " 32 KiB, at most 500 variables", required = true,
                    examples = "{\"DATABASE_URL\": \"postgresql://app@db/app\", \"LOG_LEVEL\": \"info\"}")
            Map<String, Object> variables) {
    }

    /** {@code PATCH …/variables}: a merge. */
    @RegisterForReflection
    @Schema(examples = "{\"set\": {\"LOG_LEVEL\": \"debug\"}, \"unset\": [\"OLD_FLAG\"]}")
    public record Patch(
            @Schema(description = "Variables to add or overwrite", examples = "{\"LOG_LEVEL\": \"debug\"}")
            Map<String, Object> set,
            @Schema(description = "Names to remove; a name that is not set is ignored", examples = "[\"OLD_FLAG\"]")
            List<Object> unset) {
    }

    /** {@code POST …/variables/rollback}. */
    @RegisterForReflection
    @Schema(examples = "{\"version\": 3}")
    public record Rollback(
            @Schema(description = "The version whose content becomes a new version", required = true, examples = "3")
            Integer version) {
    }
}
