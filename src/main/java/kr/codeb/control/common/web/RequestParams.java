package kr.codeb.control.common.web;

import java.util.regex.Pattern;
import kr.codeb.control.common.problem.ApiException;

/**
 * The one parser of what requests carry in their paths and query strings: identifiers checked before they reach SQL
 * or an error message, optional text, and booleans. Every resource uses these, so {@code ?x=} means the same everywhere.
 */
public final class RequestParams {

    /** The longest id a table holds ({@code VARCHAR(32)}). */
    public static final int MAX_ID_LENGTH = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}");
    private static final int MAX_SHOWN = 64;

    private RequestParams() {
    }

    /** Whether {@code text} could be the id of a stored row; anything else cannot exist and answers 404 without a query. */
    public static boolean isPlausibleId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** Whether {@code path} is under {@code /api}, the part of the service that needs a key and is audited. */
    public static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** {@code text} without surrounding white space; null when absent or blank (an empty filter filters nothing). */
    public static String optional(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** An optional boolean: null when absent or blank, else exactly {@code true} or {@code false} (400 otherwise). */
    public static Boolean bool(String field, String value) {
        String v = optional(value);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.invalid(field, "must be true or false");
        };
    }

    /** A flag: false when absent, else as {@link #bool}. */
    public static boolean flag(String field, String value) {
        return Boolean.TRUE.equals(bool(field, value));
    }

    /** An optional ISO-8601 duration ({@code PT15M}): null when absent, else positive and at most {@code max} (400 otherwise). */
    public static java.time.Duration duration(String field, String value, java.time.Duration max) {
        String v = optional(value);
        if (v == null) {
            return null;
        }
        java.time.Duration d;
        try {
            d = java.time.Duration.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 duration such as PT15M, got " + shown(v));
        }
        if (d.isZero() || d.isNegative() || d.compareTo(max) > 0) {
            throw ApiException.invalid(field, "must be positive and at most " + max + ", got " + shown(v));
        }
        return d;
    }

    /** {@code text} quoted for a problem detail: control characters dropped, cut to 64 code points. */
    public static String shown(String text) {
        if (text == null) {
            return "''";
        }
        StringBuilder out = new StringBuilder();
        int[] codePoints = text.codePoints().filter(c -> !Character.isISOControl(c)).toArray();
        for (int i = 0; i < codePoints.length && i < MAX_SHOWN; i++) {
            out.appendCodePoint(codePoints[i]);
        }
        if (codePoints.length > MAX_SHOWN) {
            out.append('…');
        }
        return "'" + out + "'";
    }
}
