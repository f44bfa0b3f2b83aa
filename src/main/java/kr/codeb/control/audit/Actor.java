package kr.codeb.control.audit;

import kr.codeb.control.auth.Caller;

/**
 * Who an audit row says acted: a request's caller (with that request's facts), the service itself ({@link #SYSTEM}), or
 * the caller of a journaled request replayed later. {@code name} is also what {@code createdBy}-style columns record.
 */
public record Actor(String keyId, String name, String role, RequestFacts request) {

    /** The service acting by itself: sweeps, replays that no longer apply, the prober. */
    public static final Actor SYSTEM = new Actor(null, "system", "system", null);

    public static Actor of(Caller caller, RequestFacts request) {
        return new Actor(caller.keyId(), caller.name(), roleOf(caller), request);
    }

    /** The audit role of a caller: {@code system} for system keys, else the key's role. */
    public static String roleOf(Caller caller) {
        return caller.system() ? "system" : caller.role().wire();
    }
}
