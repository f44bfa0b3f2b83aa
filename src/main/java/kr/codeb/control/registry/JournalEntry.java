package kr.codeb.control.registry;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import kr.codeb.control.slot.SlotCommand;

/**
 * One slot transition accepted while the database was down: who asked for what, to be replayed in order once it
 * returns. {@code op} and {@code args} are the file's form of a {@link SlotCommand}.
 */
@RegisterForReflection
public record JournalEntry(String id, Instant at, String op, String project, String environment, String teamId, String keyId,
        String actor, String role, Map<String, Object> args) {

    /** The command this entry holds; null when this version does not know it (it is skipped, with its audit row). */
    public SlotCommand command() {
        return SlotCommand.parse(op, args);
    }
}
