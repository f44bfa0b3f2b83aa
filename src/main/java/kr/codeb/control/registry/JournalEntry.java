package kr.codeb.control.registry;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * One slot transition accepted while the database was down: who asked for what, to be replayed in order
 * once it returns. {@code op} is {@code rollback} or {@code health}.
 */
@RegisterForReflection
public record JournalEntry(String id, Instant at, String op, String project, String environment, String teamId, String keyId,
        String actor, String role, Map<String, Object> args) {
}
