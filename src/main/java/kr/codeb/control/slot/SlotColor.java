package kr.codeb.control.slot;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The two slots of an environment. */
public enum SlotColor {
    BLUE, GREEN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public SlotColor other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public static Optional<SlotColor> parse(String s) {
        return "blue".equals(s) ? Optional.of(BLUE) : "green".equals(s) ? Optional.of(GREEN) : Optional.empty();
    }
}
