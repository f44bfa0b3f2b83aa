package kr.codeb.control.slot;

import java.time.Instant;

/** A {@code project_slots} row as read: the pair and the time of its last change (the ETag). */
public record StoredSlots(String projectName, String environment, SlotPair pair, Instant updatedAt) {
}
