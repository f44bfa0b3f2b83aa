package kr.codeb.control.common.db;

import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.common.events.ChangeEvent;
import org.jboss.logging.Logger;

/**
 * A transaction in progress: its connection, the events its changes emitted (written to the outbox before it commits),
 * and what is to happen once it has committed. Observers of a change (mirrors, caches, the edge sync) run only after the
 * commit, so none of them ever sees a change that was rolled back.
 */
public final class Tx {

    private static final Logger LOG = Logger.getLogger(Tx.class);

    private final SqlConnection conn;
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private final List<ChangeEvent> events = new ArrayList<>(2);

    Tx(SqlConnection conn) {
        this.conn = conn;
    }

    public SqlConnection conn() {
        return conn;
    }

    /** Records {@code event} to be written to the outbox in this transaction, in the order emitted. */
    public void emit(ChangeEvent event) {
        synchronized (events) {
            events.add(event);
        }
    }

    /** The events emitted since the last call, which are then no longer pending. */
    List<ChangeEvent> takeEvents() {
        synchronized (events) {
            List<ChangeEvent> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }

    /** Runs {@code action} after the commit, in the order registered; never when the transaction rolls back. */
    public void afterCommit(Runnable action) {
        synchronized (afterCommit) {
            afterCommit.add(action);
        }
    }

    void committed() {
        List<Runnable> actions;
        synchronized (afterCommit) {
            actions = List.copyOf(afterCommit);
            afterCommit.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the change is committed whatever an observer does; one failing observer must not stop the others
                LOG.warnf(e, "an after-commit observer failed");
            }
        }
    }
}
