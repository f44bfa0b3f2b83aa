package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An environment freeze: while in force, deploy and promote are refused (rollback stays allowed). */
@RegisterForReflection
public record Freeze(String message, String by, Instant since, Instant until) {

    public boolean inForceAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
