package kr.codeb.control.audit;

import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.CurrentCaller;

/**
 * Where a request becomes a {@link Grant}: the permission table ({@link Access}, which only decides) is asked, and what
 * was attempted is noted first, so that a refused request is audited with the action it tried.
 */
@ApplicationScoped
public class Gate {

    private final CurrentCaller current;
    private final RequestAudit request;

    Gate(CurrentCaller current, RequestAudit request) {
        this.current = current;
        this.request = request;
    }

    /** An action that belongs to no team in particular (lists, system actions): the role and system-only rules. */
    public Grant enter(Action action) {
        return enter(action, null, null, null);
    }

    /** An action on a resource of {@code teamId}: another team's resource is 404 ({@code notFound}) before any role check. */
    public Grant enter(Action action, String teamId, String notFound) {
        return enter(action, teamId, null, notFound);
    }

    /** As {@link #enter(Action, String, String)}, naming the resource for the audit row. */
    public Grant enter(Action action, String teamId, String resourceId, String notFound) {
        RequestFacts facts = note(action, teamId, resourceId);
        Caller caller = current.get();
        if (teamId == null) {
            Access.check(caller, action);
        } else {
            Access.check(caller, action, teamId, notFound);
        }
        return new Grant(caller, action, teamId, facts);
    }

    /**
     * Says more of what a granted request does than its check knew (the resource it reads, parameters worth keeping),
     * for the row that the response writes. Changes say it through {@link Audited} instead, in their transaction.
     */
    public void describe(Grant grant, String resourceId, Object params) {
        grant.request().attempt(grant.record(resourceId, params));
    }

    /** Notes an attempt that is refused before any check can run (its resource does not exist). */
    public RequestFacts note(Action action, String teamId, String resourceId) {
        RequestFacts facts = request.facts();
        facts.attempt(new AuditRecord(action.auditName(), action.resource(), resourceId, teamId, null));
        return facts;
    }
}
