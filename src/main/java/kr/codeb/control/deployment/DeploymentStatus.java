package kr.codeb.control.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a deployment is: {@code [queued →] pending → running → success | failed}, or ended early as {@code cancelled} (from
 * queued, pending or running) or {@code expired} (queued past its wait). The last four are final.
 */
public enum DeploymentStatus {
    QUEUED, PENDING, RUNNING, SUCCESS, FAILED, CANCELLED, EXPIRED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == SUCCESS || this == FAILED || this == CANCELLED || this == EXPIRED;
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
