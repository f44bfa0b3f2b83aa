package kr.codeb.control.slot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An environment freeze: while in force, deploy and promote are refused (rollback stays allowed). */
@RegisterForReflection
public record Freeze(String message, @Schema(nullable = true) String by, Instant since, @Schema(nullable = true) Instant until) {

    public boolean inForceAt(Instant now) {
        return until == null || until.isAfter(now);
    }
}
