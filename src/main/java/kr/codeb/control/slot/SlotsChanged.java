package kr.codeb.control.slot;

/**
 * Fired once after each committed change of a project environment's slots, carrying the committed view: what the
 * file registry, caches and the edge sync observe instead of reading the slots again.
 */
public record SlotsChanged(String teamId, String projectName, String environment, SlotView view) {
}
