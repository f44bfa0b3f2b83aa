package kr.codeb.control.common.db;

import io.smallrye.mutiny.Uni;
import java.util.List;
import kr.codeb.control.common.events.ChangeEvent;

/**
 * Persists the events a transaction emitted ({@link Tx#emit}) on that transaction's connection, just before it commits: an
 * event row exists exactly when its change does. Implemented by the webhook outbox; {@code common} only knows this shape.
 */
public interface TxOutbox {

    Uni<Void> write(Tx tx, List<ChangeEvent> events);
}
