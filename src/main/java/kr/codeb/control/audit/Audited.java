package kr.codeb.control.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.Tx;

/**
 * The one shape of an audited change: one transaction that does the work and writes its audit row, committed together
 * or not at all. The record is noted on the request first, so a change that fails is audited with what it tried.
 */
@ApplicationScoped
public class Audited {

    private final Db db;
    private final AuditLog log;

    Audited(Db db, AuditLog log) {
        this.db = db;
        this.log = log;
    }

    /** Runs {@code work} and writes {@code grant}'s row about {@code resourceId} with {@code params}, in one transaction. */
    public <T> Uni<T> change(Grant grant, String resourceId, Object params, Function<Tx, Uni<T>> work) {
        return change(grant, resourceId, params, work, null);
    }

    /** As {@link #change(Grant, String, Object, Function)}; {@code outcome} adds what only the work's result knows to the params. */
    public <T> Uni<T> change(Grant grant, String resourceId, Object params, Function<Tx, Uni<T>> work,
            Function<T, Map<String, ?>> outcome) {
        return run(grant, grant.record(resourceId, params), work, (record, result) -> outcome == null ? record
                : record.with(outcome.apply(result)));
    }

    /** Creates something whose id only the work's result knows ({@code idOf}). */
    public <T> Uni<T> create(Grant grant, Object params, Function<Tx, Uni<T>> work, Function<T, String> idOf) {
        return run(grant, grant.record(null, params), work, (record, result) -> record.about(idOf.apply(result)));
    }

    private <T> Uni<T> run(Grant grant, AuditRecord attempt, Function<Tx, Uni<T>> work, BiFunction<AuditRecord, T, AuditRecord> done) {
        if (grant.request() != null) {
            grant.request().attempt(attempt);
        }
        return db.transaction(tx -> work.apply(tx).call(result -> log.write(tx.conn(), grant.actor(), done.apply(attempt, result))));
    }
}
