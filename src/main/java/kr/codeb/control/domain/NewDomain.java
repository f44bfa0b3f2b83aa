package kr.codeb.control.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects/{name}/domains}; the domain is lower-cased and a trailing dot dropped. */
@RegisterForReflection
@Schema(examples = "{\"domain\": \"my-app.codeb.kr\", \"environment\": \"production\", \"type\": \"subdomain\"}")
public record NewDomain(
        @Schema(examples = "my-app.codeb.kr", description = "RFC 1123 host name; IDNs in their xn-- form")
        @NotBlank @Size(max = 300) String domain,
        @Schema(enumeration = {"production", "staging", "preview"}, defaultValue = "production")
        @Pattern(regexp = Domain.ENVIRONMENTS, message = Domain.ENVIRONMENTS_MESSAGE) String environment,
        @Schema(enumeration = {"subdomain", "custom"},
                description = "subdomain: under one of CODEB_BASE_DOMAINS; custom: outside all of them")
        @NotNull @Pattern(regexp = Domain.TYPES, message = Domain.TYPES_MESSAGE) String type) {
}
