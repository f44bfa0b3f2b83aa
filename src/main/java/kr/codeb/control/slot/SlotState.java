package kr.codeb.control.slot;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The life of one blue or green slot: {@code empty → deployed → active → grace → empty}. */
public enum SlotState {
    EMPTY, DEPLOYED, ACTIVE, GRACE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SlotState parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
