package kr.codeb.control.auth;

import kr.codeb.control.common.problem.ApiException;

/** The permission table ({@link Action}) applied to a caller: decides, and records nothing. */
public final class Access {

    private Access() {
    }

    /** Refuses (403) unless {@code caller} may perform {@code action} at all (role and system-only rules). */
    public static void check(Caller caller, Action action) {
        if (action.systemOnly() && !caller.system()) {
            throw ApiException.forbidden("Only a system key may " + action.description());
        }
        if (!caller.role().includes(action.minimum())) {
            throw ApiException.forbidden("The " + caller.role().wire() + " role may not " + action.description()
                    + "; it needs " + action.minimum().wire() + " or above");
        }
    }

    /** As {@link #check(Caller, Action)} on a resource of {@code teamId}: another team's resource is 404 before any role check. */
    public static void check(Caller caller, Action action, String teamId, String notFoundDetail) {
        if (!caller.canSee(teamId)) {
            throw ApiException.notFound(notFoundDetail);
        }
        check(caller, action);
    }

    /** Whether {@link #check(Caller, Action, String, String)} would pass, without saying why not. */
    public static boolean allows(Caller caller, Action action, String teamId) {
        return caller.canSee(teamId) && (!action.systemOnly() || caller.system()) && caller.role().includes(action.minimum());
    }

    /** Refuses (403) a role above {@code caller}'s own: no key gives or touches more than it has. */
    public static void checkAtMost(Caller caller, Role role, String what) {
        if (!caller.role().includes(role)) {
            throw ApiException.forbidden("A " + caller.role().wire() + " key may not " + what + " " + role.wire()
                    + ", which is above its own");
        }
    }
}
