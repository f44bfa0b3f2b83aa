package kr.codeb.control.member;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/teams/{teamId}/members/{memberId}}: absent (or null) fields stay as they are; an empty name clears it. */
@RegisterForReflection
@Schema(examples = "{\"role\": \"admin\"}")
public record MemberPatch(
        @Schema(examples = "Kim Dev") @Size(max = 255) String name,
        @Schema(enumeration = {"owner", "admin", "member", "viewer"}, description = "At most the calling key's own role")
        @Pattern(regexp = "owner|admin|member|viewer", message = "must be one of owner, admin, member, viewer")
        String role) {
}
