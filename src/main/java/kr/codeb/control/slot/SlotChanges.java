package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.problem.ApiException;

/**
 * The one way slot rows change. In the caller's transaction: lock the row → If-Match → freeze → decide (a {@link Step},
 * around the pure {@link SlotMachine}) → the decision's side effects (deployment rows, env versions) → save → audit row →
 * the transition's events ({@link SlotEvents}, written to the outbox in the same transaction) → and, after the commit, one
 * {@link SlotsChanged} event with the committed view.
 */
@ApplicationScoped
public class SlotChanges {

    /**
     * Decides a transition on the locked row, knowing the freeze in force (null: none); may read more in the same
     * transaction (the latest deployment, say).
     */
    @FunctionalInterface
    public interface Step {
        Uni<Decision> decide(SqlConnection conn, StoredSlots locked, Freeze frozen);
    }

    /**
     * What a step decided: the machine's result (a refusal is a 409), and what else the transaction does before the slots
     * are saved, answering what that adds to the audit row's params.
     */
    public record Decision(SlotMachine.Result result, Function<SqlConnection, Uni<Map<String, Object>>> effects) {

        private static final Function<SqlConnection, Uni<Map<String, Object>>> NONE = conn -> Uni.createFrom().item(Map.of());

        public static Decision of(SlotMachine.Result result) {
            return new Decision(result, NONE);
        }

        /** Refused: a 409 with {@code why}, nothing written. */
        public static Decision refuse(String why) {
            return new Decision(SlotMachine.Result.refused(why), NONE);
        }

        /** A decision with side effects that add nothing to the audit row. */
        public static Decision of(SlotMachine.Result result, Function<SqlConnection, Uni<Void>> effects) {
            return new Decision(result, conn -> effects.apply(conn).replaceWith(Map.of()));
        }
    }

    private final SlotRepository slots;
    private final AuditLog audit;
    private final Event<SlotsChanged> changed;

    SlotChanges(SlotRepository slots, AuditLog audit, Event<SlotsChanged> changed) {
        this.slots = slots;
        this.audit = audit;
        this.changed = changed;
    }

    /** Applies {@code step} to the slots {@code change} names, in {@code tx}; answers the view as it will be committed. */
    public Uni<SlotView> apply(Tx tx, SlotChange change, Step step) {
        SqlConnection conn = tx.conn();
        return slots.lock(conn, change.project(), change.environment()).chain(stored -> {
            checkIfMatch(stored, change.ifMatch());
            return slots.freeze(conn, change.project(), change.environment()).chain(frozen -> {
                if (frozen != null && change.refusedWhileFrozen() != null) {
                    throw frozen(frozen, change.refusedWhileFrozen());
                }
                return step.decide(conn, stored, frozen).chain(decision -> {
                    SlotMachine.Result r = decision.result();
                    if (r.refused()) {
                        throw ApiException.conflict(r.refusal());
                    }
                    return decision.effects().apply(conn).chain(extra -> save(tx, change, stored, r, extra, frozen));
                });
            });
        });
    }

    private Uni<SlotView> save(Tx tx, SlotChange change, StoredSlots before, SlotMachine.Result r, Map<String, Object> extra,
            Freeze frozen) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("environment", before.environment());
        params.putAll(extra);
        String team = change.audit().teamId() != null ? change.audit().teamId() : before.teamId();
        if (r.pair().equals(before.pair())) {
            // nothing of the slots changed (a status report that did not promote): no save, no SlotsChanged, the same ETag
            emit(tx, change, team, before, r, params);
            return audit.write(tx.conn(), change.actor(), change.audit().team(team).with(params))
                    .replaceWith(SlotView.of(before.projectName(), before.environment(), before.pair(), before.updatedAt(), frozen));
        }
        if (r.target() != null) {
            params.putIfAbsent("slot", r.target().wire());
        }
        return slots.save(tx.conn(), before.projectName(), before.environment(), r.pair()).chain(saved -> {
            params.put("before", summary(before.pair()));
            params.put("after", summary(saved.pair()));
            SlotView view = SlotView.of(saved.projectName(), saved.environment(), saved.pair(), saved.updatedAt(), frozen);
            tx.afterCommit(() -> changed.fire(new SlotsChanged(team, saved.projectName(), saved.environment(), view)));
            emit(tx, change, team, before, r, params);
            return audit.write(tx.conn(), change.actor(), change.audit().team(team).with(params)).replaceWith(view);
        });
    }

    private static void emit(Tx tx, SlotChange change, String team, StoredSlots before, SlotMachine.Result r, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(change.audit().paramMap());
        all.putAll(params);
        SlotEvents.of(new SlotEvents.Transition(change.audit().action(), change.audit().resourceId(), team, before.projectName(),
                before.environment(), change.actor().name(), r, all)).forEach(tx::emit);
    }

    /** 412 unless {@code ifMatch} (when given) names the stored state's ETag. */
    static void checkIfMatch(StoredSlots stored, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = SlotView.of(stored.projectName(), stored.environment(), stored.pair(), stored.updatedAt(), null).etag();
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(current)) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The slots changed since you read them (ETag " + current + "); read them again");
    }

    static ApiException frozen(Freeze f, String what) {
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("message", f.message());
        frozen.put("by", f.by());
        frozen.put("since", f.since() == null ? null : f.since().toString());
        frozen.put("until", f.until() == null ? null : f.until().toString());
        return ApiException.conflict("The environment is frozen by " + f.by() + (f.until() == null ? "" : " until " + f.until())
                + ": " + f.message() + "; " + what + " is refused until it is unfrozen (rollback stays allowed)", Map.of("frozen", frozen));
    }

    /** {@code {"activeSlot": …, "blue": state, "green": state, "graceExpiresAt": …}} for the audit row. */
    static Map<String, Object> summary(SlotPair p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeSlot", p.activeSlot().wire());
        m.put("blue", p.blue().state().wire());
        m.put("green", p.green().state().wire());
        m.put("graceExpiresAt", p.graceExpiresAt() == null ? null : p.graceExpiresAt().toString());
        return m;
    }
}
