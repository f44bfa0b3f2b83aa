package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import kr.codeb.control.auth.Caller;

/**
 * What serves slots while the database is unreachable (SPEC §7): the last committed views, and, where degraded writes
 * are on, a journal that accepts commands for replay. Implemented by the file registry, which slot code never names.
 */
public interface SlotFallback {

    /** The last committed view of a project environment. */
    Optional<SlotView> find(String project, String env);

    /** Every last committed view of {@code teamId} (null: all), in (project, environment) order. */
    List<SlotView> list(String teamId);

    /**
     * Accepts {@code command} into the journal and answers the view it leads to; fails with {@code cause} (the database
     * failure) when degraded writes are off, and 503 when the command cannot be accepted without the database.
     */
    Uni<SlotView> journal(Caller caller, String project, String env, SlotCommand command, Throwable cause);
}
