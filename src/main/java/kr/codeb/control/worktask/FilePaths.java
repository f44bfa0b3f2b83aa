package kr.codeb.control.worktask;

import java.util.StringJoiner;

/**
 * Normalises the file paths of work-task locks so that one file has one spelling: {@code \} becomes {@code /},
 * surrounding whitespace, empty and {@code .} segments go, and a leading or trailing {@code /} is dropped, so
 * {@code "/src/a.ts"}, {@code "./src//a.ts"} and {@code "src\a.ts"} are all {@code "src/a.ts"}.
 */
public final class FilePaths {

    public static final int MAX_LENGTH = 1000;

    private FilePaths() {
    }

    /**
     * The normalised form of {@code raw}.
     *
     * @throws IllegalArgumentException when the path is missing or blank, names only the root, contains a
     *     {@code ..} segment or a control character, or is longer than 1000 characters once normalised
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new IllegalArgumentException("path must not contain control characters");
            }
        }
        // Lock paths are relative to the project, so a leading '/' means the same file as no '/' at all.
        StringJoiner path = new StringJoiner("/");
        for (String segment : raw.strip().replace('\\', '/').split("/", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("path must not contain '..'");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                path.add(segment);
            }
        }
        String normalised = path.toString();
        if (normalised.isBlank()) {
            throw new IllegalArgumentException("path must name a file or directory inside the project, not its root");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("path must not be longer than " + MAX_LENGTH + " characters");
        }
        return normalised;
    }
}
