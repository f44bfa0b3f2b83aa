package kr.codeb.control.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A team role; each role includes every role declared before it. */
public enum Role {
    // Declaration order is the privilege order: includes() compares ordinals.
    VIEWER,
    MEMBER,
    ADMIN,
    OWNER;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON, in the database and inside API keys. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    /** The role whose wire name is exactly {@code text}; empty for null, unknown or differently cased text. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wire.equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Whether this role may do everything {@code other} may do. */
    public boolean includes(Role other) {
        Objects.requireNonNull(other, "other");
        return ordinal() >= other.ordinal();
    }
}
