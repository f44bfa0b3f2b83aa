package kr.codeb.control.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a deployment is: {@code pending → running → success | failed}; the last two are final. */
public enum DeploymentStatus {
    PENDING, RUNNING, SUCCESS, FAILED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == SUCCESS || this == FAILED;
    }

    /** Holds the deploy lock of its project environment. */
    public boolean inFlight() {
        return this == PENDING || this == RUNNING;
    }

    public static Optional<DeploymentStatus> parse(String text) {
        for (DeploymentStatus s : values()) {
            if (s.wire.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A stored value; the schema's CHECK constraint admits no other. */
    @JsonCreator
    public static DeploymentStatus of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown deployment status " + text));
    }
}
