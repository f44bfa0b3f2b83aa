package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /deployments/{id}/cancel} and {@code DELETE …/lock}: why. */
@RegisterForReflection
@Schema(examples = "{\"reason\": \"Superseded by a hotfix\"}")
public record CancelRequest(@Schema(examples = "Superseded by a hotfix") @Size(max = 2000) String reason) {

    static String reasonOf(CancelRequest body) {
        return body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().trim();
    }
}
