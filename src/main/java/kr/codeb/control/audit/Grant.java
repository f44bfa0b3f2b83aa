package kr.codeb.control.audit;

import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;

/**
 * The answer of a passed permission check: who may do what, for which team, within which request ({@code request} is
 * null for work the service starts by itself). Services take a grant instead of looking the caller up, and build their
 * audit record from it.
 */
public record Grant(Caller caller, Action action, String teamId, RequestFacts request) {

    public Actor actor() {
        return Actor.of(caller, request);
    }

    /** The audit record of this action on {@code resourceId} with {@code params}. */
    public AuditRecord record(String resourceId, Object params) {
        return new AuditRecord(action.auditName(), action.resource(), resourceId, teamId != null ? teamId : caller.teamId(), params);
    }

    /** The same grant for another team (a system key acting on one). */
    public Grant forTeam(String team) {
        return new Grant(caller, action, team, request);
    }
}
