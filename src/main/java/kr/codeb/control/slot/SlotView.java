package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The JSON view of one project environment's slots (SPEC §5). */
@RegisterForReflection
public record SlotView(String projectName, String environment, SlotColor activeSlot, Slot blue, Slot green,
        Instant graceExpiresAt, Instant updatedAt, Freeze frozen) {

    public static SlotView of(String project, String env, SlotPair pair, Instant updatedAt, Freeze frozen) {
        return new SlotView(project, env, pair.activeSlot(), pair.blue(), pair.green(), pair.graceExpiresAt(), updatedAt, frozen);
    }

    /** The entity tag of this state: changes with every committed slot change. */
    public String etag() {
        return updatedAt == null ? "\"0\"" : "\"" + (updatedAt.getEpochSecond() * 1_000_000 + updatedAt.getNano() / 1_000) + "\"";
    }
}
