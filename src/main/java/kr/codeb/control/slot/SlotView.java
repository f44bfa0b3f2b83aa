package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON view of one project environment's slots (SPEC §5). */
@RegisterForReflection
public record SlotView(String projectName, String environment, @Schema(nullable = true) SlotColor activeSlot, Slot blue,
        Slot green,
        @Schema(nullable = true) Instant graceExpiresAt, @Schema(nullable = true) Instant updatedAt,
        @Schema(nullable = true) Freeze frozen) {

    public static SlotView of(String project, String env, SlotPair pair, Instant updatedAt, Freeze frozen) {
        return new SlotView(project, env, pair.activeSlot(), pair.blue(), pair.green(), pair.graceExpiresAt(), updatedAt, frozen);
    }

    /** The entity tag of this state: changes with every committed slot change. */
    public String etag() {
        return updatedAt == null ? "\"0\"" : "\"" + (updatedAt.getEpochSecond() * 1_000_000 + updatedAt.getNano() / 1_000) + "\"";
    }
}
