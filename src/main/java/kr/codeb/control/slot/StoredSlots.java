package kr.codeb.control.slot;

import java.time.Instant;

/**
 * A {@code project_slots} row as read: the pair, the time of its last change (the ETag) and, where the query joined it,
 * the team owning the project.
 */
public record StoredSlots(String projectName, String environment, SlotPair pair, Instant updatedAt, String teamId) {
}
