package kr.codeb.control.env;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the env-variable endpoints. Values are {@value #MASK} unless revealed. */
public final class EnvViews {

    /** What every value reads as unless {@code reveal=true}. */
    public static final String MASK = "********";

    private EnvViews() {
    }

    /** The current variables: {@code {version, encrypted, variables}}. */
    @RegisterForReflection
    public record Variables(
            @Schema(description = "0 for an environment never written", examples = "4") int version,
            @Schema(description = "Whether the values are encrypted at rest") boolean encrypted,
            @Schema(examples = "{\"DATABASE_URL\": \"********\", \"LOG_LEVEL\": \"********\"}") Map<String, String> variables) {

        /** The ETag of this version, for If-Match on writes. */
        public String etag() {
            return "\"" + version + "\"";
        }
    }

    /** One version as listed: names only. */
    @RegisterForReflection
    public record VersionSummary(int version, @Schema(nullable = true) String createdBy,
            @Schema(nullable = true) Instant createdAt,
            @Schema(description = "Variable names, sorted; never values", examples = "[\"DATABASE_URL\", \"LOG_LEVEL\"]") List<String> keys) {
    }

    /** One version with its values (masked unless revealed). */
    @RegisterForReflection
    public record Version(int version, @Schema(nullable = true) String createdBy, @Schema(nullable = true) Instant createdAt,
            boolean encrypted, Map<String, String> variables) {
    }

    /** What changed from one version to another, by name. */
    @RegisterForReflection
    public record Diff(int from, int to,
            @Schema(description = "Names set in to but not in from") List<String> added,
            @Schema(description = "Names set in from but not in to") List<String> removed,
            @Schema(description = "Names set in both, with different values") List<String> changed) {
    }
}
