package kr.codeb.control.audit;

import java.time.OffsetDateTime;

/**
 * One audit row as written (SPEC §5 "Audit log"); {@code params} is the already-redacted JSON text. The canonical
 * constructor cuts every text to its column's length and strips NUL characters, so no request can make the insert
 * fail.
 */
public record AuditRow(String id, OffsetDateTime timestamp, String teamId, String keyId, String userId, String role,
        String action, String resource, String resourceId, String params, boolean success, Integer duration, String ip,
        String userAgent, String error) {

    /** Longest user agent kept. */
    public static final int MAX_USER_AGENT = 512;
    /** Longest error text kept. */
    public static final int MAX_ERROR = 2000;

    public AuditRow {
        teamId = fit(teamId, 32);
        keyId = fit(keyId, 32);
        userId = fit(userId, 255);
        role = fit(role, 20);
        action = fit(action, 100);
        resource = fit(resource, 100);
        resourceId = fit(resourceId, 255);
        ip = fit(ip, 45);
        userAgent = fit(userAgent, MAX_USER_AGENT);
        error = fit(error, MAX_ERROR);
        duration = duration == null ? null : Math.max(0, duration);
    }

    static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = Redactor.clean(text);
        if (clean.length() <= max) {
            return clean;
        }
        // never split a surrogate pair: PostgreSQL rejects half a character
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
