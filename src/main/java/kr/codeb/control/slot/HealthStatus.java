package kr.codeb.control.slot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What is known of a slot's health: reported by a caller (or, later, a prober). */
public enum HealthStatus {
    HEALTHY, UNHEALTHY, UNKNOWN;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The status whose wire name is exactly {@code text}. */
    public static Optional<HealthStatus> parse(String text) {
        for (HealthStatus s : values()) {
            if (s.wire.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** For stored rows and the registry file, where a value outside the enumeration cannot be acted on: unknown. */
    @JsonCreator
    public static HealthStatus of(String text) {
        return parse(text).orElse(UNKNOWN);
    }
}
