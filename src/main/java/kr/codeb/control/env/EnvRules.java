package kr.codeb.control.env;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.problem.ApiException.FieldError;
import kr.codeb.control.common.web.RequestParams;

/**
 * The shape rules of env variables (SPEC §5): names match {@code ^[A-Z_][A-Z0-9_]*$} (at most 255 characters),
 * at most 500 variables, values are strings of at most 32 KiB in UTF-8. Pure: collects every field error of a
 * request, then fails once with all of them (the first 50). Also the If-Match rule of writes.
 */
public final class EnvRules {

    public static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_VARIABLES = 500;
    public static final int MAX_VALUE_BYTES = 32 * 1024;
    static final int MAX_ERRORS = 50;

    private final List<FieldError> errors = new ArrayList<>();

    /** {@code raw} (a JSON object of name → value) as a sorted map of strings; problems are recorded under {@code field.NAME}. */
    public Map<String, String> variables(String field, Map<String, Object> raw) {
        Map<String, String> out = new TreeMap<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > MAX_VARIABLES) {
            error(field, "has " + raw.size() + " variables; at most " + MAX_VARIABLES + " are allowed");
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String where = field + "." + shown(e.getKey());
            boolean ok = name(where, e.getKey());
            if (!(e.getValue() instanceof String value)) {
                error(where, e.getValue() == null ? "must be a string, not null" : "must be a string");
                continue;
            }
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_VALUE_BYTES) {
                error(where, "is " + bytes + " bytes in UTF-8; at most " + MAX_VALUE_BYTES + " (32 KiB) are allowed");
            } else if (ok) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    /** {@code raw} (a JSON array of names) as a set; problems are recorded under {@code field[i]}. */
    public Set<String> names(String field, List<Object> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > MAX_VARIABLES) {
            error(field, "lists " + raw.size() + " names; at most " + MAX_VARIABLES + " are allowed");
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            String where = field + "[" + i + "]";
            if (!(raw.get(i) instanceof String name)) {
                error(where, "must be a variable name (a string)");
            } else if (name(where, name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Records a problem of the request as a whole, e.g. the result of a merge exceeding the limit. */
    public void error(String field, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(field, message));
        }
    }

    /** Fails with every recorded problem as one 400. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(List.copyOf(errors));
        }
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** 412 unless {@code ifMatch} (when given) names {@code version} as {@code "<version>"}, or is {@code *} and a version exists. */
    public static void checkIfMatch(int version, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") ? version > 0 : c.equals("\"" + version + "\"") || c.equals(String.valueOf(version))) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The variables changed since you read them: the current version is " + version
                + " (ETag \"" + version + "\"); read them again");
    }

    private boolean name(String where, String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            error(where, "must be a name of 1 to " + MAX_NAME_LENGTH + " characters");
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            error(where, "must match ^[A-Z_][A-Z0-9_]*$ (upper-case letters, digits and _, not starting with a digit)");
            return false;
        }
        return true;
    }

    private static String shown(String name) {
        String quoted = RequestParams.shown(name);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** A required version number of a query ({@code from}, {@code to}): 0 or more. */
    static int versionQuery(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required: a version number (0 is the empty state before the first write)");
        }
        Integer v = parseVersion(value.trim());
        if (v == null) {
            throw ApiException.invalid(field, "must be a whole number of 0 or more");
        }
        return v;
    }

    /** A version number in a path or query; null when the text is not one. */
    static Integer parseVersion(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
