package kr.codeb.control.team;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/teams}. */
@RegisterForReflection
@Schema(examples = "{\"name\": \"Platform Team\", \"slug\": \"platform\", \"owner\": \"owner@example.com\", \"plan\": \"pro\"}")
public record NewTeam(
        @Schema(description = "Optional id; generated (team_…) when absent", examples = "team_01jd3x7k2m9q8r4t6v5w0y1z2a")
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{7,31}", message = "must be 8 to 32 characters of a-z, 0-9, '_' or '-'")
        String id,
        @Schema(examples = "Platform Team") @NotBlank @Size(max = 255) String name,
        @Schema(examples = "platform") @NotBlank
        @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?", message = "must be lower-case letters, digits and '-', at most 100")
        String slug,
        @Schema(examples = "owner@example.com") @NotBlank @Email @Size(max = 255) String owner,
        @Schema(enumeration = {"free", "pro", "enterprise"}, defaultValue = "free")
        @Pattern(regexp = "free|pro|enterprise", message = "must be one of free, pro, enterprise") String plan,
        @Schema(description = "Team settings, e.g. {\"deploymentDefaults\": {\"autoPromote\": false}}")
        Map<String, Object> settings) {
}
