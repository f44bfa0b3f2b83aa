package kr.codeb.control.registry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Degraded;
import kr.codeb.control.project.OwnerFallback;
import kr.codeb.control.slot.SlotCommand;
import kr.codeb.control.slot.SlotFallback;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotView;

/**
 * What the service falls back on while PostgreSQL is unreachable (SPEC §7): slot views and project owners from
 * {@code slots.json}; and, with {@code CODEB_DEGRADED_WRITES=true} (single-replica installs), rollbacks and health reports
 * decided against those views, journaled durably, shown at once and replayed when the database returns. Deploy and
 * promote are not accepted: they depend on deployment history that only the database holds.
 */
@ApplicationScoped
public class FileFallback implements SlotFallback, OwnerFallback {

    private final CodebConfig config;
    private final SlotRegistry registry;
    private final SlotJournal journal;
    private final Degraded degraded;

    FileFallback(CodebConfig config, SlotRegistry registry, SlotJournal journal, Degraded degraded) {
        this.config = config;
        this.registry = registry;
        this.journal = journal;
        this.degraded = degraded;
    }

    @Override
    public Optional<SlotView> find(String project, String env) {
        return registry.find(project, env).map(SlotRegistry.Entry::slots);
    }

    @Override
    public List<SlotView> list(String teamId) {
        return registry.list(teamId).stream().map(SlotRegistry.Entry::slots).toList();
    }

    @Override
    public Optional<String> teamOf(String project) {
        return registry.teamOf(project);
    }

    @Override
    public Uni<SlotView> journal(Caller caller, String project, String env, SlotCommand command, Throwable cause) {
        if (!config.degradedWrites()) {
            return Uni.createFrom().failure(cause);
        }
        SlotRegistry.Entry entry = registry.find(project, env).orElse(null);
        if (entry == null) {
            return Uni.createFrom().failure(ApiException.unavailable(
                    "The database is unavailable and the file registry has no slots for this environment; retry shortly"));
        }
        SlotView current = entry.slots();
        SlotMachine.Result r = command.decide(new SlotPair(current.activeSlot(), current.blue(), current.green(), current.graceExpiresAt()));
        if (r.refused()) {
            return Uni.createFrom().failure(ApiException.conflict(r.refusal()));
        }
        JournalEntry journaled = new JournalEntry(Ids.newId("jrn"), Instant.now(), command.op(), project, env, entry.teamId(),
                caller.keyId(), caller.name(), caller.system() ? "system" : caller.role().wire(), command.args());
        return journal.append(journaled).chain(() -> registry.applyDegraded(entry.teamId(), project, env, r.pair()))
                .invoke(degraded::mark);
    }
}
