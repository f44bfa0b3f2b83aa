package kr.codeb.control.auth;

import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.common.problem.ApiException;

/** Applies the permission table ({@link Action}) to the current caller. */
@ApplicationScoped
public class Access {

    private final CurrentCaller current;
    private final AuditContext audit;

    Access(CurrentCaller current, AuditContext audit) {
        this.current = current;
        this.audit = audit;
    }

    /** The caller, after checking it may perform {@code action} at all (role and system-only rules). */
    public Caller require(Action action) {
        audit.action(action);
        Caller caller = current.get();
        if (action.systemOnly() && !caller.system()) {
            throw ApiException.forbidden("Only a system key may " + action.description());
        }
        if (!caller.role().includes(action.minimum())) {
            throw ApiException.forbidden("The " + caller.role().wire() + " role may not " + action.description()
                    + "; it needs " + action.minimum().wire() + " or above");
        }
        return caller;
    }

    /**
     * The caller, after checking it may perform {@code action} on a resource of {@code teamId}: another
     * team's resource is 404 (its existence is not revealed) before any role check.
     */
    public Caller require(Action action, String teamId, String notFoundDetail) {
        audit.action(action);
        audit.teamId(teamId);
        Caller caller = current.get();
        if (!caller.canSee(teamId)) {
            throw ApiException.notFound(notFoundDetail);
        }
        return require(action);
    }
}
