package kr.codeb.control.auth;

/**
 * Who is calling: a system key (no team; acts as owner of every team) or a team key (its role, in its
 * team only). {@code name} is what the audit log and {@code createdBy}-style columns record;
 * {@code requestsPerMinute} is the key's rate limit, null for none.
 */
public record Caller(String keyId, String teamId, Role role, boolean system, String name, Integer requestsPerMinute) {

    public static Caller system(String keyId, String name) {
        return new Caller(keyId, null, Role.OWNER, true, name, null);
    }

    public static Caller team(String keyId, String teamId, Role role, String name, Integer requestsPerMinute) {
        return new Caller(keyId, teamId, role, false, name, requestsPerMinute);
    }

    /** Whether this caller may see resources of {@code team} at all (else they answer 404). */
    public boolean canSee(String team) {
        return system || (teamId != null && teamId.equals(team));
    }
}
