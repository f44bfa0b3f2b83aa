package kr.codeb.control.slot;

import java.time.Instant;
import java.util.Optional;

/** Both slots of one project environment, as stored in one {@code project_slots} row. */
public record SlotPair(SlotColor activeSlot, Slot blue, Slot green, Instant graceExpiresAt) {

    public static SlotPair fresh() {
        return new SlotPair(SlotColor.BLUE, Slot.empty(SlotColor.BLUE), Slot.empty(SlotColor.GREEN), null);
    }

    public Slot get(SlotColor c) {
        return c == SlotColor.BLUE ? blue : green;
    }

    SlotPair with(Slot s) {
        return s.name() == SlotColor.BLUE ? new SlotPair(activeSlot, s, green, graceExpiresAt)
                : new SlotPair(activeSlot, blue, s, graceExpiresAt);
    }

    SlotPair withActive(SlotColor c) {
        return new SlotPair(c, blue, green, graceExpiresAt);
    }

    SlotPair withGrace(Instant until) {
        return new SlotPair(activeSlot, blue, green, until);
    }

    /** The side in {@code state}, if any (the invariants allow at most one active and one grace side). */
    public Optional<Slot> find(SlotState state) {
        return blue.state() == state ? Optional.of(blue) : green.state() == state ? Optional.of(green) : Optional.empty();
    }
}
