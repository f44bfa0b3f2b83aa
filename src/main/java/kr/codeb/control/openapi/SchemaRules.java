package kr.codeb.control.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Turns the Bean Validation {@code @Pattern}s that the scanner copies into schemas into what JSON Schema means by them.
 * Java matches a {@code @Pattern} against the whole value with {@code java.util.regex}; JSON Schema searches the value
 * with ECMA-262 regexes. So a {@code @Pattern} is anchored, Java-only syntax ({@code (?s)}) is rewritten, and a pattern that only
 * lists words ({@code free|pro|enterprise}) becomes the {@code enum} it is. Nullable enumerations list null.
 */
final class SchemaRules {

    /** What the scanner writes for {@code @NotBlank}: already a JSON Schema search for one non-blank character. */
    private static final String NOT_BLANK = "\\S";
    private static final Pattern WORDS = Pattern.compile("[a-z0-9-]+(\\|[a-z0-9-]+)+");

    private SchemaRules() {
    }

    /** Applies the rules to {@code schema} and every schema nested in it. */
    static void apply(Schema schema) {
        walk(schema, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Schema schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        String pattern = schema.getPattern();
        if (pattern != null) {
            if (WORDS.matcher(pattern).matches()) {
                if (schema.getEnumeration() == null || schema.getEnumeration().isEmpty()) {
                    schema.enumeration(new ArrayList<>(Arrays.asList((Object[]) pattern.split("\\|"))));
                }
                schema.pattern(null);
            } else if (!NOT_BLANK.equals(pattern)) {
                schema.pattern(ecma(pattern));
            }
        }
        // A nullable enumeration must list null too: JSON Schema checks enum against the null value as well.
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL) && schema.getEnumeration() != null
                && !schema.getEnumeration().isEmpty() && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.enumeration(values);
        }
        nested(schema).forEach(s -> walk(s, seen));
    }

    /** A {@code java.util.regex} pattern for {@code matches()} as an anchored ECMA-262 regex with the same meaning. */
    static String ecma(String java) {
        String body = java;
        boolean dotAll = body.startsWith("(?s)");
        if (dotAll) {
            body = dotsMatchNewlines(body.substring(4));
        }
        return "^(?:" + body + ")$";
    }

    /** Replaces each unescaped {@code .} outside a character class by {@code [\s\S]}, what {@code (?s)} made of it. */
    private static String dotsMatchNewlines(String regex) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == ']') {
                inClass = false;
                out.append(c);
            } else if (c == '.' && !inClass) {
                out.append("[\\s\\S]");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<Schema> nested(Schema s) {
        List<Schema> out = new ArrayList<>();
        if (s.getProperties() != null) {
            out.addAll(s.getProperties().values());
        }
        out.add(s.getItems());
        if (s.getAdditionalPropertiesSchema() != null) {
            out.add(s.getAdditionalPropertiesSchema());
        }
        for (List<Schema> list : Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
            if (list != null) {
                out.addAll(list);
            }
        }
        return out;
    }

    /** Applies the rules to every schema of a map (components, media types). */
    static void applyAll(Map<String, Schema> schemas) {
        if (schemas != null) {
            schemas.values().forEach(SchemaRules::apply);
        }
    }
}
