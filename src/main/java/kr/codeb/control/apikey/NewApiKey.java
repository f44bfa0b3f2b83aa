package kr.codeb.control.apikey;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/teams/{teamId}/api-keys}. */
@RegisterForReflection
@Schema(examples = "{\"name\": \"ci-deploy\", \"role\": \"member\", \"expiresAt\": \"2027-01-01T00:00:00Z\", \"rateLimit\": {\"requestsPerMinute\": 600}}")
public record NewApiKey(
        @Schema(examples = "ci-deploy") @NotBlank @Size(max = 255) String name,
        @Schema(enumeration = {"viewer", "member", "admin", "owner"}) @NotNull
        @Pattern(regexp = "viewer|member|admin|owner", message = "must be one of viewer, member, admin, owner") String role,
        @Schema(examples = "[\"deploy\", \"promote\"]") @Size(max = 50) List<@NotBlank @Size(max = 100) String> scopes,
        @Schema(description = "When the key stops working (ISO-8601); none: never", examples = "2027-01-01T00:00:00Z")
        Instant expiresAt,
        @Valid Limit rateLimit) {

    /** {@code {"requestsPerMinute": N}}. */
    @RegisterForReflection
    public record Limit(@NotNull @Min(1) @Max(100_000) Integer requestsPerMinute) {
    }
}
