package kr.codeb.control.team;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/teams/{teamId}}: absent (or null) fields stay as they are; {@code settings} is replaced whole. */
@RegisterForReflection
@Schema(examples = "{\"name\": \"Platform Team\", \"plan\": \"pro\"}")
public record TeamPatch(
        @Schema(examples = "Platform Team")
        @Size(max = 255) @Pattern(regexp = TeamPatch.NOT_BLANK, message = "must not be blank") String name,
        @Schema(examples = "platform")
        @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?", message = "must be lower-case letters, digits and '-', at most 100")
        String slug,
        @Schema(examples = "owner@example.com")
        @Email @Size(max = 255) @Pattern(regexp = TeamPatch.NOT_BLANK, message = "must not be blank") String owner,
        @Schema(enumeration = {"free", "pro", "enterprise"})
        @Pattern(regexp = "free|pro|enterprise", message = "must be one of free, pro, enterprise") String plan,
        @Schema(description = "Replaces the team settings, e.g. {\"deploymentDefaults\": {\"autoPromote\": true}}")
        Map<String, Object> settings) {

    /**
     * Something is left after {@code String.trim()}, which the repository applies: at least one character above U+0020
     * ({@code \S} alone would let a value of control characters through and store an empty text).
     */
    static final String NOT_BLANK = "(?s).*[^\\x00-\\x20].*";
}
