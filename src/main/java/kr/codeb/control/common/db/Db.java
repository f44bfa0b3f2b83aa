package kr.codeb.control.common.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.problem.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import org.jboss.logging.Logger;

/**
 * The one way code talks to PostgreSQL: named prepared statements (timed, slow ones logged and counted)
 * and transactions bounded by {@code TRANSACTION_TIMEOUT}.
 */
@ApplicationScoped
public class Db {

    private static final Logger LOG = Logger.getLogger(Db.class);

    private final Pool pool;
    private final CodebConfig config;
    private final MeterRegistry metrics;
    private final DatabaseStatus status;
    private final ReadReplica replica;
    private final Counter primaryQueries;
    private final Counter replicaQueries;
    // looked up when first needed: the outbox itself queries through this class
    private final Instance<TxOutbox> outbox;
    private final List<Runnable> commitObservers = new CopyOnWriteArrayList<>();

    Db(Pool pool, CodebConfig config, MeterRegistry metrics, DatabaseStatus status, ReadReplica replica, Instance<TxOutbox> outbox) {
        this.pool = pool;
        this.config = config;
        this.metrics = metrics;
        this.status = status;
        this.replica = replica;
        this.primaryQueries = metrics.counter("codeb.db.queries", "pool", "primary");
        this.replicaQueries = metrics.counter("codeb.db.queries", "pool", "replica");
        this.outbox = outbox;
    }

    public Pool pool() {
        return pool;
    }

    /** Runs {@code sql} with {@code args} outside a transaction. */
    public Uni<RowSet<Row>> query(String name, String sql, Tuple args) {
        return query(pool, name, sql, args);
    }

    /** Runs {@code sql} on {@code client} (a pool or a transaction's connection), timing it under {@code name}. */
    public Uni<RowSet<Row>> query(SqlClient client, String name, String sql, Tuple args) {
        return Uni.createFrom().deferred(() -> {
            if (!status.schemaReady()) {
                return Uni.createFrom().failure(new DbFailures.DatabaseNotReady());
            }
            return timed(client, primaryQueries, name, sql, args)
                    .onItem().invoke(status::markUp)
                    .onFailure(DbFailures::isUnreachable).invoke(status::markDown);
        });
    }

    /**
     * A read-only list, history, stats or audit query outside a transaction: served by the read replica while it is
     * usable and holds this process's writes (SPEC §7), else by the primary — also when the replica fails mid-query, so
     * that no caller sees the replica's trouble.
     */
    public Uni<RowSet<Row>> read(String name, String sql, Tuple args) {
        return Uni.createFrom().deferred(() -> {
            Pool from = replica.forRead();
            if (from == null || !status.schemaReady()) {
                return query(pool, name, sql, args);
            }
            return timed(from, replicaQueries, name, sql, args)
                    .ifNoItem().after(Duration.ofMillis(config.db().connectTimeout())).fail()
                    .onFailure().recoverWithUni(failure -> {
                        if (DbFailures.isUnavailable(failure)) {
                            replica.failed(failure);
                        }
                        return query(pool, name, sql, args);
                    });
        });
    }

    private Uni<RowSet<Row>> timed(SqlClient client, Counter served, String name, String sql, Tuple args) {
        long start = System.nanoTime();
        return client.preparedQuery(sql).execute(args).onTermination().invoke(() -> {
            served.increment();
            timed(name, System.nanoTime() - start);
        });
    }

    /**
     * Runs {@code work} in one transaction, like {@link #inTransaction}; the events it emitted ({@link Tx#emit}) are written
     * to the outbox last, on the same connection, and what it registered with {@link Tx#afterCommit} runs only once the
     * commit succeeded.
     */
    public <T> Uni<T> transaction(Function<Tx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            AtomicReference<Tx> current = new AtomicReference<>();
            return inTransaction(conn -> {
                Tx tx = new Tx(conn);
                current.set(tx);
                return work.apply(tx).call(() -> writeEvents(tx));
            }).invoke(() -> current.get().committed());
        });
    }

    private Uni<Void> writeEvents(Tx tx) {
        var events = tx.takeEvents();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!outbox.isResolvable()) {
            // an event that cannot be recorded must not let its change commit without it
            return Uni.createFrom().failure(new IllegalStateException("events were emitted but no outbox is installed"));
        }
        return outbox.get().write(tx, events);
    }

    /**
     * Runs {@code work} in one transaction: committed when its Uni succeeds, rolled back when it fails or
     * outlives {@code TRANSACTION_TIMEOUT} (the caller then gets 503).
     */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        long timeoutMs = config.db().transactionTimeout();
        if (!status.schemaReady()) {
            return Uni.createFrom().failure(new DbFailures.DatabaseNotReady());
        }
        return pool.withTransaction(conn -> conn
                        // the server cancels any single statement that would outlive the transaction budget
                        .query("SET LOCAL statement_timeout = " + timeoutMs).execute()
                        .chain(() -> work.apply(conn))
                        .ifNoItem().after(Duration.ofMillis(timeoutMs))
                        .failWith(() -> ApiException.unavailable("The transaction took longer than "
                                + timeoutMs + " ms and was rolled back; retry shortly")))
                .invoke(this::committed)
                .onFailure(DbFailures::isUnreachable).invoke(status::markDown);
    }

    /**
     * Runs {@code observer} after every commit of this process, before the transaction's own after-commit actions and
     * before its caller continues: memory views must not answer from what the commit just changed.
     */
    public void onEveryCommit(Runnable observer) {
        commitObservers.add(observer);
    }

    private void committed() {
        for (Runnable observer : commitObservers) {
            observer.run();
        }
    }

    private void timed(String name, long nanos) {
        long ms = nanos / 1_000_000;
        metrics.timer("codeb.db.query", "query", name).record(Duration.ofNanos(nanos));
        if (ms >= config.slowQueryMs()) {
            metrics.counter("codeb.db.slow.queries", "query", name).increment();
            LOG.warnf("slow query %s took %d ms (threshold %d ms)", name, ms, config.slowQueryMs());
        }
    }
}
