package kr.codeb.control.slot;

import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditRecord;

/**
 * A request to change one project environment's slots: who asks, the audit record it is done under, the client's
 * {@code If-Match} (null: none) and, for operations a freeze stops, the verb its refusal names (null: allowed while frozen).
 */
public record SlotChange(String project, String environment, Actor actor, AuditRecord audit, String ifMatch, String refusedWhileFrozen) {
}
