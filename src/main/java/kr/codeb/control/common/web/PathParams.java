package kr.codeb.control.common.web;

import java.util.regex.Pattern;

/** Checks and shows identifiers taken from request paths and queries before they reach SQL or an error message. */
public final class PathParams {

    /** The longest id a table holds ({@code VARCHAR(32)}). */
    public static final int MAX_ID_LENGTH = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}");
    private static final int MAX_SHOWN = 64;

    private PathParams() {
    }

    /** Whether {@code text} could be the id of a stored row; anything else cannot exist and answers 404 without a query. */
    public static boolean isPlausibleId(String text) {
        return text != null && ID.matcher(text).matches();
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
