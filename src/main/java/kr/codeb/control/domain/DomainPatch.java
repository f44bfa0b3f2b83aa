package kr.codeb.control.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v1/projects/{name}/domains/{domain}}: absent (or null) fields keep their value.
 * {@code dnsConfigured: true} stamps {@code dnsVerifiedAt} with the current time (again on every confirmation);
 * {@code false} clears it.
 */
@RegisterForReflection
@Schema(examples = "{\"dnsConfigured\": true, \"caddyConfigured\": true, \"status\": \"active\"}")
public record DomainPatch(
        Boolean sslEnabled,
        @Schema(description = "true stamps dnsVerifiedAt with now; false clears it") Boolean dnsConfigured,
        Boolean caddyConfigured,
        @Schema(enumeration = {"pending", "active", "error"})
        @Pattern(regexp = Domain.STATUSES, message = Domain.STATUSES_MESSAGE) String status) {
}
