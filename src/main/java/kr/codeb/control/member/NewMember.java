package kr.codeb.control.member;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/teams/{teamId}/members}; the email is stored lower-cased, so it is unique per team in any case. */
@RegisterForReflection
@Schema(examples = "{\"email\": \"dev@example.com\", \"name\": \"Kim Dev\", \"role\": \"member\"}")
public record NewMember(
        @Schema(examples = "dev@example.com") @NotBlank @Email @Size(max = 255) String email,
        @Schema(examples = "Kim Dev") @Size(max = 255) String name,
        @Schema(enumeration = {"owner", "admin", "member", "viewer"}, description = "At most the calling key's own role")
        @NotBlank @Pattern(regexp = "owner|admin|member|viewer", message = "must be one of owner, admin, member, viewer")
        String role) {
}
