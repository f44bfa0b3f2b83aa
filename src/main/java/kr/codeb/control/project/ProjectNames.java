package kr.codeb.control.project;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises and validates project names, which are global and become subdomains. */
public final class ProjectNames {

    public static final int MAX_LENGTH = 100;

    /** The rule in words, for validation errors. */
    public static final String RULE = "must be 1 to 100 lower-case letters, digits and inner '-' (upper case is lowered,"
            + " spaces and '_' become '-')";

    private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?");

    private ProjectNames() {
    }

    /**
     * Trims, lower-cases and turns spaces and {@code _} into {@code -}: {@code " My_App "} becomes {@code "my-app"}.
     * The result still has to pass {@link #isValid}; null becomes the empty string, which does not.
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /** Whether an already normalised name is acceptable: 1–100 of a-z, 0-9 and inner {@code -}. */
    public static boolean isValid(String normalised) {
        return normalised != null && normalised.length() <= MAX_LENGTH && VALID.matcher(normalised).matches();
    }
}
