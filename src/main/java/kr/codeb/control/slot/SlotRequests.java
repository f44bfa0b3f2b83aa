package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the slot endpoints. */
public final class SlotRequests {

    private SlotRequests() {
    }

    /** {@code PATCH …/slots/{blue|green}}. */
    @RegisterForReflection
    @Schema(examples = "{\"healthStatus\": \"healthy\"}")
    public record Health(
            @Schema(enumeration = {"healthy", "unhealthy", "unknown"}) @NotNull
            @Pattern(regexp = "healthy|unhealthy|unknown", message = "must be one of healthy, unhealthy, unknown") String healthStatus) {
    }

    /** {@code POST …/freeze}. */
    @RegisterForReflection
    @Schema(examples = "{\"message\": \"Release freeze for the holidays\", \"until\": \"2027-01-02T00:00:00Z\"}")
    public record FreezeRequest(
            @Schema(examples = "Release freeze for the holidays") @NotBlank @Size(max = 2000) String message,
            @Schema(description = "When the freeze lifts by itself (ISO-8601); none: until unfrozen", examples = "2027-01-04T09:00:00Z")
            Instant until) {
    }
}
