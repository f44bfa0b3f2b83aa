package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.events.ChangeEvent;
import kr.codeb.control.common.problem.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Degraded;

/**
 * Slot views (from the database, or from the {@link SlotFallback} while it is unreachable), health reports and
 * environment freezes. Transitions go through {@link SlotChanges}.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class SlotService {

    private final Db db;
    private final SlotRepository slots;
    private final SlotViews views;
    private final SlotChanges changes;
    private final Audited audited;
    private final SlotFallback fallback;
    private final Degraded degraded;

    SlotService(Db db, SlotRepository slots, SlotViews views, SlotChanges changes, Audited audited, SlotFallback fallback,
            Degraded degraded) {
        this.db = db;
        this.slots = slots;
        this.views = views;
        this.changes = changes;
        this.audited = audited;
        this.fallback = fallback;
        this.degraded = degraded;
    }

    /**
     * The current view, from memory while the change feed keeps it true, else in one query; an environment never
     * deployed to is the empty pair. While the database is unreachable it comes from the fallback and the response is
     * marked degraded.
     */
    public Uni<SlotView> view(String project, String env) {
        return views.current(project, env).map(c -> viewOf(project, env, c))
                .onFailure(DbFailures::isUnreachable).recoverWithItem(() -> {
                    degraded.mark();
                    return fallback.find(project, env).orElseGet(() -> SlotView.of(project, env, SlotPair.fresh(), null, null));
                });
    }

    /** The current view when memory holds it (as {@link #view} would answer it); null when it must be read. */
    public SlotView known(String project, String env) {
        SlotRepository.Current c = views.known(project, env);
        return c == null ? null : viewOf(project, env, c);
    }

    private static SlotView viewOf(String project, String env, SlotRepository.Current c) {
        Freeze frozen = c.freeze() != null && c.freeze().inForceAt(Instant.now()) ? c.freeze() : null;
        return c.slots() == null ? SlotView.of(project, env, SlotPair.fresh(), null, frozen)
                : SlotView.of(project, env, c.slots().pair(), c.slots().updatedAt(), frozen);
    }

    /** A page of the slots of {@code team} (null: every team), of {@code names} (null: every project), after (project, env). */
    public Uni<List<SlotView>> list(String team, List<String> names, String afterProject, String afterEnv, int limit) {
        return slots.list(team, names == null ? null : names.toArray(String[]::new), afterProject, afterEnv, limit)
                .map(rows -> rows.stream().map(s -> SlotView.of(s.projectName(), s.environment(), s.pair(), s.updatedAt(), null)).toList())
                .onFailure(DbFailures::isUnreachable).recoverWithItem(() -> {
                    degraded.mark();
                    return fallback.list(team).stream()
                            .filter(v -> names == null || names.contains(v.projectName()))
                            .filter(v -> afterProject == null
                                    || (v.projectName() + "\u0000" + v.environment()).compareTo(afterProject + "\u0000" + afterEnv) > 0)
                            .limit(limit).toList();
                });
    }

    /** Records a health report; while the database is down it is journaled, when degraded writes allow it. */
    public Uni<SlotView> health(Grant grant, String project, String env, SlotCommand.Health report, String ifMatch) {
        SlotChange change = new SlotChange(project, env, grant.actor(), grant.record(project, report.args()), ifMatch, null);
        return db.transaction(tx -> changes.apply(tx, change, (conn, locked, frozen) -> Uni.createFrom().item(
                        SlotChanges.Decision.of(report.decide(locked.pair())))))
                .onFailure(DbFailures::isUnreachable).recoverWithUni(e -> fallback.journal(grant.caller(), project, env, report, e));
    }

    public Uni<SlotView> freeze(Grant grant, String project, String env, String message, Instant until) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("environment", env);
        params.put("message", message);
        params.put("until", until == null ? "" : until.toString());
        return audited.change(grant, project, params, tx -> slots.putFreeze(tx.conn(), project, env, message, grant.caller().name(), until)
                        .invoke(() -> tx.emit(ChangeEvent.of("environment.frozen", grant.teamId(), project, env, grant.caller().name(),
                                "message", message, "until", until == null ? null : until.toString()))))
                .chain(() -> view(project, env));
    }

    /** Lifts a freeze; 404 when there was none. */
    public Uni<Void> unfreeze(Grant grant, String project, String env) {
        return audited.change(grant, project, Map.of("environment", env), tx -> slots.deleteFreeze(tx.conn(), project, env).invoke(removed -> {
            if (!removed) {
                throw ApiException.notFound("The environment is not frozen");
            }
            tx.emit(ChangeEvent.of("environment.unfrozen", grant.teamId(), project, env, grant.caller().name()));
        })).replaceWithVoid();
    }
}
