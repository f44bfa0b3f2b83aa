package kr.codeb.control.registry;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.DeploymentRepository;
import kr.codeb.control.slot.SlotColor;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.slot.Transitions;
import org.jboss.logging.Logger;

/**
 * Replays {@code journal.ndjson} into the database, in order and exactly once: each entry is applied in
 * its own transaction together with a {@code journal_replays} row, so an entry already applied (the
 * service stopped before the journal was trimmed) is skipped. An entry that no longer applies is
 * recorded as skipped, with a failed audit row saying why.
 */
@ApplicationScoped
public class JournalReplayer {

    private static final Logger LOG = Logger.getLogger(JournalReplayer.class);

    private final Db db;
    private final SlotJournal journal;
    private final SlotRepository slots;
    private final DeploymentRepository deployments;
    private final AuditLog auditLog;
    private final SlotRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();

    JournalReplayer(Db db, SlotJournal journal, SlotRepository slots, DeploymentRepository deployments, AuditLog auditLog,
            SlotRegistry registry) {
        this.db = db;
        this.journal = journal;
        this.slots = slots;
        this.deployments = deployments;
        this.auditLog = auditLog;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        replay().subscribe().with(n -> { }, e -> LOG.warnf("journal replay at start-up failed, will retry: %s", e.getMessage()));
    }

    void onRecovered(@ObservesAsync DatabaseStatus.Recovered event) {
        replay().subscribe().with(n -> { }, e -> LOG.warnf("journal replay failed, will retry: %s", e.getMessage()));
    }

    /** Replays every journaled entry; returns how many it handled (applied or skipped). */
    public Uni<Integer> replay() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        Set<String> handled = ConcurrentHashMap.newKeySet();
        return journal.read()
                .chain(entries -> Multi.createFrom().iterable(entries)
                        .onItem().transformToUniAndConcatenate(e -> replayOne(e).invoke(() -> handled.add(e.id())))
                        .collect().asList())
                .chain(done -> handled.isEmpty() ? Uni.createFrom().item(0)
                        : journal.remove(handled).invoke(() -> {
                            LOG.infof("replayed %d journal entr%s", handled.size(), handled.size() == 1 ? "y" : "ies");
                            registry.changed();
                        }).replaceWith(handled.size()))
                .eventually(() -> running.set(false));
    }

    private Uni<Void> replayOne(JournalEntry e) {
        return db.inTransaction(conn -> alreadyReplayed(conn, e.id()).chain(done -> done ? Uni.createFrom().voidItem() : apply(conn, e)))
                .onFailure(ApiException.class).recoverWithUni(refusal -> db.inTransaction(conn -> alreadyReplayed(conn, e.id())
                        .chain(done -> done ? Uni.createFrom().voidItem() : skip(conn, e, refusal.getMessage()))));
    }

    private Uni<Boolean> alreadyReplayed(SqlConnection conn, String id) {
        return db.query(conn, "journal.replayed", "SELECT 1 FROM journal_replays WHERE entry_id = $1", Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    private Uni<Void> apply(SqlConnection conn, JournalEntry e) {
        return slots.lock(conn, e.project(), e.environment()).chain(stored -> {
            SlotMachine.Result r = switch (e.op()) {
                case "rollback" -> SlotMachine.rollback(stored.pair());
                case "health" -> SlotMachine.health(stored.pair(), SlotColor.parse(String.valueOf(e.args().get("slot"))).orElseThrow(),
                        String.valueOf(e.args().get("healthStatus")));
                default -> throw ApiException.conflict("unknown journal operation " + e.op());
            };
            if (r.refused()) {
                throw ApiException.conflict(r.refusal());
            }
            Map<String, Object> params = new LinkedHashMap<>(e.args());
            params.put("journalEntryId", e.id());
            params.put("journaledAt", e.at().toString());
            Uni<Void> marks = !"rollback".equals(e.op()) ? Uni.createFrom().voidItem()
                    : deployments.latestOnSlot(conn, e.project(), e.environment(), r.target().other().wire())
                            .chain(d -> d.map(dep -> deployments.markRolledBack(conn, dep.id(), e.actor(), String.valueOf(e.args().get("reason"))))
                                    .orElse(Uni.createFrom().voidItem()));
            return marks
                    .chain(() -> slots.save(conn, e.project(), e.environment(), r.pair()))
                    .chain(saved -> auditLog.recordAs(conn, e.teamId(), e.keyId(), e.actor(), e.role(), "slot." + e.op(), "slot",
                            e.project(), Transitions.auditParams(e.environment(), stored.pair(), saved.pair(), params), true, null))
                    .chain(() -> mark(conn, e.id(), "applied", null));
        });
    }

    private Uni<Void> skip(SqlConnection conn, JournalEntry e, String why) {
        LOG.warnf("journal entry %s (%s of %s/%s) no longer applies: %s", e.id(), e.op(), e.project(), e.environment(), why);
        Map<String, Object> params = new LinkedHashMap<>(e.args());
        params.put("journalEntryId", e.id());
        params.put("journaledAt", e.at().toString());
        params.put("environment", e.environment());
        return auditLog.recordAs(conn, e.teamId(), e.keyId(), e.actor(), e.role(), "slot." + e.op(), "slot", e.project(), params, false,
                        "journal entry no longer applies: " + why)
                .chain(() -> mark(conn, e.id(), "skipped", why));
    }

    private Uni<Void> mark(SqlConnection conn, String id, String outcome, String detail) {
        return db.query(conn, "journal.mark", "INSERT INTO journal_replays (entry_id, outcome, detail) VALUES ($1, $2, $3)",
                Tuple.of(id, outcome, detail)).replaceWithVoid();
    }

}
