package kr.codeb.control.worktask;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a file lock is for: an {@code editing} lock excludes other editors, a {@code reviewing} lock excludes nobody. */
public enum LockType {
    EDITING, REVIEWING;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    /** A stored or validated value (the CHECK constraint and the request pattern admit no other). */
    public static LockType of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
