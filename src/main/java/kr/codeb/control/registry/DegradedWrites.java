package kr.codeb.control.registry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotView;

/**
 * With {@code CODEB_DEGRADED_WRITES=true} (single-replica installs), a rollback or a health report made
 * while the database is down is decided against the file registry, journaled durably, shown at once in
 * {@code slots.json}, and replayed to the database when it returns. Deploy and promote are not
 * accepted: they depend on deployment history that only the database holds.
 */
@ApplicationScoped
public class DegradedWrites {

    private final CodebConfig config;
    private final SlotRegistry registry;
    private final SlotJournal journal;
    private final Degraded degraded;

    DegradedWrites(CodebConfig config, SlotRegistry registry, SlotJournal journal, Degraded degraded) {
        this.config = config;
        this.registry = registry;
        this.journal = journal;
        this.degraded = degraded;
    }

    /** Journals a rollback, or fails with {@code cause} when degraded writes are off. */
    public Uni<SlotView> rollback(Caller caller, String project, String env, String reason, boolean restoreVariables, Throwable cause) {
        if (restoreVariables) {
            return refuse(cause, "restoring variables needs the database");
        }
        return accept(caller, project, env, "rollback", SlotMachine::rollback, Map.of("reason", reason == null ? "" : reason), cause);
    }

    /** Journals a health report, or fails with {@code cause} when degraded writes are off. */
    public Uni<SlotView> health(Caller caller, String project, String env, SlotColor side, String status, Throwable cause) {
        return accept(caller, project, env, "health", pair -> SlotMachine.health(pair, side, status),
                Map.of("slot", side.wire(), "healthStatus", status), cause);
    }

    private Uni<SlotView> accept(Caller caller, String project, String env, String op,
            java.util.function.Function<SlotPair, SlotMachine.Result> transition, Map<String, Object> args, Throwable cause) {
        if (!config.degradedWrites()) {
            return Uni.createFrom().failure(cause);
        }
        SlotRegistry.Entry entry = registry.find(project, env).orElse(null);
        if (entry == null) {
            return refuse(cause, "the file registry has no slots for this environment");
        }
        SlotView current = entry.slots();
        SlotPair pair = new SlotPair(current.activeSlot(), current.blue(), current.green(), current.graceExpiresAt());
        SlotMachine.Result r = transition.apply(pair);
        if (r.refused()) {
            return Uni.createFrom().failure(ApiException.conflict(r.refusal()));
        }
        JournalEntry journaled = new JournalEntry(Ids.newId("jrn"), Instant.now(), op, project, env, entry.teamId(), caller.keyId(),
                caller.name(), caller.system() ? "system" : caller.role().wire(), args);
        return journal.append(journaled)
                .chain(() -> registry.applyDegraded(entry.teamId(), project, env, r.pair()))
                .map(v -> {
                    degraded.mark();
                    return registry.find(project, env).map(SlotRegistry.Entry::slots).orElseThrow();
                });
    }

    private static Uni<SlotView> refuse(Throwable cause, String why) {
        return Uni.createFrom().failure(ApiException.unavailable("The database is unavailable and " + why + "; retry shortly"));
    }
}
