package kr.codeb.control.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a reverse proxy sends a domain's traffic: the active slot of the domain's project environment. */
@RegisterForReflection
public record DomainRoute(
        @Schema(examples = "my-app") String projectName,
        @Schema(examples = "production") String environment,
        @Schema(enumeration = {"blue", "green"}) String activeSlot,
        @Schema(examples = "4101") int port) {
}
