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
import kr.codeb.control.audit.Actor;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.audit.AuditRecord;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.Tx;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.ReleaseService;
import kr.codeb.control.slot.SlotChange;
import kr.codeb.control.slot.SlotChanges;
import kr.codeb.control.slot.SlotCommand;
import org.jboss.logging.Logger;

/**
 * Replays {@code journal.ndjson} into the database, in order and exactly once: each entry goes through {@link SlotChanges}
 * in its own transaction together with a {@code journal_replays} row, so an entry already applied (the service stopped
 * before the journal was trimmed) is skipped. An entry that no longer applies is recorded as skipped, with a failed audit
 * row saying why.
 */
@ApplicationScoped
public class JournalReplayer {

    private static final Logger LOG = Logger.getLogger(JournalReplayer.class);

    private final Db db;
    private final SlotJournal journal;
    private final SlotChanges changes;
    private final ReleaseService releases;
    private final AuditLog auditLog;
    private final AtomicBoolean running = new AtomicBoolean();

    JournalReplayer(Db db, SlotJournal journal, SlotChanges changes, ReleaseService releases, AuditLog auditLog) {
        this.db = db;
        this.journal = journal;
        this.changes = changes;
        this.releases = releases;
        this.auditLog = auditLog;
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
                        : journal.remove(handled).invoke(() -> LOG.infof("replayed %d journal entr%s", handled.size(),
                                handled.size() == 1 ? "y" : "ies")).replaceWith(handled.size()))
                .eventually(() -> running.set(false));
    }

    private Uni<Void> replayOne(JournalEntry e) {
        return db.transaction(tx -> alreadyReplayed(tx.conn(), e.id()).chain(done -> done ? Uni.createFrom().voidItem()
                        : apply(tx, e).chain(() -> mark(tx.conn(), e.id(), "applied", null))))
                .onFailure(ApiException.class).recoverWithUni(refusal -> db.inTransaction(conn -> alreadyReplayed(conn, e.id())
                        .chain(done -> done ? Uni.createFrom().voidItem() : skip(conn, e, refusal.getMessage()))));
    }

    private Uni<Void> apply(Tx tx, JournalEntry e) {
        SlotCommand command = e.command();
        if (command == null) {
            return Uni.createFrom().failure(ApiException.conflict("unknown journal operation " + e.op()));
        }
        SlotChange change = new SlotChange(e.project(), e.environment(), actor(e), record(e), null, null);
        SlotChanges.Step step = command instanceof SlotCommand.Rollback rollback
                ? releases.rollbackStep(e.actor(), rollback.reason(), false)
                : (conn, locked, frozen) -> Uni.createFrom().item(SlotChanges.Decision.of(command.decide(locked.pair())));
        return changes.apply(tx, change, step).replaceWithVoid();
    }

    private Uni<Void> skip(SqlConnection conn, JournalEntry e, String why) {
        LOG.warnf("journal entry %s (%s of %s/%s) no longer applies: %s", e.id(), e.op(), e.project(), e.environment(), why);
        AuditRecord record = record(e).with(Map.of("environment", e.environment()));
        return auditLog.writeRefused(conn, actor(e), record, "journal entry no longer applies: " + why)
                .chain(() -> mark(conn, e.id(), "skipped", why));
    }

    private static Actor actor(JournalEntry e) {
        return new Actor(e.keyId(), e.actor(), e.role(), null);
    }

    private static AuditRecord record(JournalEntry e) {
        Map<String, Object> params = new LinkedHashMap<>(e.args() == null ? Map.of() : e.args());
        params.put("journalEntryId", e.id());
        params.put("journaledAt", e.at().toString());
        return new AuditRecord("slot." + e.op(), "slot", e.project(), e.teamId(), params);
    }

    private Uni<Boolean> alreadyReplayed(SqlConnection conn, String id) {
        return db.query(conn, "journal.replayed", "SELECT 1 FROM journal_replays WHERE entry_id = $1", Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    private Uni<Void> mark(SqlConnection conn, String id, String outcome, String detail) {
        return db.query(conn, "journal.mark", "INSERT INTO journal_replays (entry_id, outcome, detail) VALUES ($1, $2, $3)",
                Tuple.of(id, outcome, detail)).replaceWithVoid();
    }
}
