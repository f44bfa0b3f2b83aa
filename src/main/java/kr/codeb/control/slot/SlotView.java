package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import kr.codeb.control.common.edge.ProxyState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON view of one project environment's slots (SPEC §5). */
@RegisterForReflection
public record SlotView(String projectName, String environment, @Schema(nullable = true) SlotColor activeSlot, Slot blue,
        Slot green,
        @Schema(nullable = true) Instant graceExpiresAt, @Schema(nullable = true) Instant updatedAt,
        @Schema(nullable = true) Freeze frozen,
        @Schema(nullable = true, description = "The edge's state for this environment's domains; null in a deploy's answer") ProxyState proxy) {

    public static SlotView of(String project, String env, SlotPair pair, Instant updatedAt, Freeze frozen) {
        return new SlotView(project, env, pair.activeSlot(), pair.blue(), pair.green(), pair.graceExpiresAt(), updatedAt, frozen, null);
    }

    /** The same view with the edge's state (SPEC §9). */
    public SlotView withProxy(ProxyState state) {
        return new SlotView(projectName, environment, activeSlot, blue, green, graceExpiresAt, updatedAt, frozen, state);
    }

    /** The port of the active slot, if there is one: where the environment's domains route. */
    public Integer activePort() {
        Slot active = activeSlot == null ? null : (activeSlot == SlotColor.BLUE ? blue : green);
        return active != null && active.state() == SlotState.ACTIVE ? active.port() : null;
    }

    /** The entity tag of this state: changes with every committed slot change. */
    public String etag() {
        return updatedAt == null ? "\"0\"" : "\"" + (updatedAt.getEpochSecond() * 1_000_000 + updatedAt.getNano() / 1_000) + "\"";
    }
}
