package kr.codeb.control.gate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /promotions/{id}/reject}. */
@RegisterForReflection
public record RejectRequest(@Schema(nullable = true, examples = "error rate still high on staging") @Size(max = 2000) String reason) {
}
