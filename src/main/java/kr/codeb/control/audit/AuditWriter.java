package kr.codeb.control.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.DbFailures;
import org.jboss.logging.Logger;

/**
 * Writes the rows of reads and rejected requests off the request path: a bounded in-memory queue, flushed every
 * second and whenever a batch's worth is waiting, many rows per INSERT. A full queue drops the row rather than
 * slow a request ({@code codeb.audit.dropped}); the queue is flushed on shutdown so SIGTERM loses nothing queued. Rows
 * that may meet an in-transaction row of the same request wait apart, so only their INSERTs check for one.
 */
@Startup
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class AuditWriter {

    /** Rows held at most: over a second of a replica answering slot reads from memory at full speed, about 25 MB. */
    public static final int QUEUE_CAPACITY = 50_000;
    /** Rows per INSERT. */
    public static final int BATCH_SIZE = 1_000;
    /** INSERTs in flight at once: fewer fall behind a replica answering reads from memory (bench/slot-read.sh counts drops). */
    static final int WRITERS = 4;
    /** How long shutdown waits for the last rows to be written. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    private final AuditRepository repository;
    private final Db db;
    // lock-free: both event loops enqueue on every request, and must not wait on each other
    private final Queue<AuditRow> fresh = new ConcurrentLinkedQueue<>();
    private final Queue<AuditRow> givingWay = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final AtomicInteger writers = new AtomicInteger();
    private final Counter dropped;
    private final Counter failed;
    private final Counter written;

    @Inject
    AuditWriter(AuditRepository repository, Db db, MeterRegistry metrics) {
        this(repository, db, metrics, QUEUE_CAPACITY);
    }

    /** A writer with its own queue capacity: tests fill a small one to prove dropping. */
    AuditWriter(AuditRepository repository, Db db, MeterRegistry metrics, int capacity) {
        this.repository = repository;
        this.db = db;
        this.capacity = capacity;
        this.dropped = Counter.builder("codeb.audit.dropped")
                .description("Audit rows dropped because the write queue was full").register(metrics);
        this.failed = Counter.builder("codeb.audit.failed")
                .description("Audit rows the database refused to store").register(metrics);
        this.written = Counter.builder("codeb.audit.written")
                .description("Audit rows written by the batching writer (a row giving way to a stored one is not)").register(metrics);
        Gauge.builder("codeb.audit.queue.size", size, AtomicInteger::get)
                .description("Audit rows waiting to be written").register(metrics);
    }

    /**
     * Queues {@code row}, whose id no other row has, without ever blocking; false (and counted as dropped) when the
     * queue is full.
     */
    public boolean enqueue(AuditRow row) {
        return enqueue(fresh, row);
    }

    /**
     * Queues {@code row}, which gives way to a row of the same id and timestamp stored already (a failure row of a
     * request whose change may have committed its own row); as {@link #enqueue} otherwise.
     */
    public boolean enqueueGivingWay(AuditRow row) {
        return enqueue(givingWay, row);
    }

    private boolean enqueue(Queue<AuditRow> queue, AuditRow row) {
        if (!offer(queue, row)) {
            dropped.increment();
            return false;
        }
        if (size.get() >= BATCH_SIZE && writers.get() < WRITERS) {
            flush().subscribe().with(ignored -> { });
        }
        return true;
    }

    private boolean offer(Queue<AuditRow> queue, AuditRow row) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(row);
        return true;
    }

    /** Rows waiting to be written. */
    public int queued() {
        return size.get();
    }

    @Scheduled(identity = "audit-flush", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return flush();
    }

    /**
     * Writes queued rows, batch after batch while batches come out full, beside at most {@code WRITERS - 1} other
     * flushes; with that many running it is a no-op.
     */
    public Uni<Void> flush() {
        if (writers.incrementAndGet() > WRITERS) {
            writers.decrementAndGet();
            return Uni.createFrom().voidItem();
        }
        // a failure was logged where it happened; the rows wait in the queue for the next tick
        return drain().onFailure().recoverWithNull().eventually(writers::decrementAndGet);
    }

    /** Called on shutdown, off the event loop: waits for a running flush, then writes every row still queued. */
    void onShutdown(@Observes ShutdownEvent event) {
        int queued = size.get();
        int left = drainBlocking(SHUTDOWN_WAIT);
        if (left > 0) {
            LOG.errorf("shutdown: %d audit rows could not be written in %s", left, SHUTDOWN_WAIT);
        } else if (queued > 0) {
            LOG.infof("shutdown: wrote the %d queued audit rows", queued);
        }
    }

    /** Blocks until the queue is empty or {@code wait} has passed; returns the rows still queued. Never on an event loop. */
    public int drainBlocking(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && (writers.get() > 0 || size.get() > 0)) {
            if (writers.compareAndSet(0, 1)) {
                try {
                    drain().await().atMost(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (RuntimeException e) {
                    LOG.warnf("audit flush on shutdown failed: %s", e.getMessage());
                    pause(100);
                } finally {
                    writers.decrementAndGet();
                }
            } else if (!pause(10)) {
                break;
            }
        }
        return size.get();
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes batch after batch, the rows giving way first, until a batch of fresh rows comes out short. */
    private Uni<Void> drain() {
        boolean givesWay = !givingWay.isEmpty();
        Queue<AuditRow> queue = givesWay ? givingWay : fresh;
        List<AuditRow> batch = new ArrayList<>(Math.min(BATCH_SIZE, size.get()));
        for (AuditRow row; batch.size() < BATCH_SIZE && (row = queue.poll()) != null; ) {
            size.decrementAndGet();
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return write(queue, batch, givesWay)
                .chain(() -> batch.size() == BATCH_SIZE || givesWay ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Void> write(Queue<AuditRow> queue, List<AuditRow> batch, boolean givesWay) {
        return repository.insertBatch(batch, givesWay)
                .invoke(stored -> written.increment(stored))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    if (DbFailures.isUnavailable(e)) {
                        // keep the rows for the next tick; what no longer fits is dropped and counted
                        LOG.warnf("audit rows kept for retry, database unavailable: %s", e.getMessage());
                        batch.forEach(row -> {
                            if (!offer(queue, row)) {
                                dropped.increment();
                            }
                        });
                        return Uni.createFrom().failure(e);
                    }
                    // one bad row must not cost the others: retry them one by one
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(this::writeOne)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> writeOne(AuditRow row) {
        // the slow path after a refused batch: every row checks for an existing one, whichever queue it came from
        return repository.insert(db.pool(), List.of(row), true)
                .invoke(stored -> written.increment(stored))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    failed.increment();
                    // the row's action and id only: its params may be large and are not for the log
                    LOG.errorf("audit row %s (%s) could not be stored: %s", row.id(), row.action(), e.getMessage());
                    return null;
                });
    }
}
