package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One side (blue or green) of an environment: what runs there and in which state. */
@RegisterForReflection
public record Slot(SlotColor name, SlotState state, Integer port, String version, String image, Instant deployedAt,
        String deployedBy, HealthStatus healthStatus,
        @Schema(nullable = true,
                description = "The prober's last check of this build; null while the environment has no health check") SlotCheck lastCheck) {

    public static Slot empty(SlotColor name) {
        return new Slot(name, SlotState.EMPTY, null, null, null, null, null, HealthStatus.UNKNOWN, null);
    }

    Slot withState(SlotState s) {
        return new Slot(name, s, port, version, image, deployedAt, deployedBy, healthStatus, lastCheck);
    }

    Slot withHealth(HealthStatus health) {
        return new Slot(name, state, port, version, image, deployedAt, deployedBy, health, lastCheck);
    }
}
