package kr.codeb.control.proxy;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import kr.codeb.control.common.db.Db;
import org.jboss.logging.Logger;

/**
 * Every {@code CODEB_CADDY_RECONCILE_INTERVAL}: each replica refreshes its {@link EdgeMemory} from the database (the
 * backstop for changes made on other replicas), and the one replica holding the advisory lock compares the whole desired
 * state with Caddy's routes and repairs the drift (a restarted Caddy that lost its routes, a hand edit, a missed event).
 */
@ApplicationScoped
class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final Db db;
    private final ProxyRepository repository;
    private final EdgeMemory memory;
    private final ProxySync sync;
    private volatile Instant lastReconcileAt;

    Reconciler(Db db, ProxyRepository repository, EdgeMemory memory, ProxySync sync) {
        this.db = db;
        this.repository = repository;
        this.memory = memory;
        this.sync = sync;
    }

    @Scheduled(identity = "proxy-reconcile", every = "{codeb.caddy.reconcile-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reconcile().onFailure().recoverWithItem(e -> {
            LOG.debugf("edge reconcile skipped: %s", e.getMessage());
            return false;
        }).replaceWithVoid();
    }

    /** Refreshes the memory; then, when this replica got the lock, repairs Caddy. Answers whether it repaired. */
    Uni<Boolean> reconcile() {
        Instant readFrom = Instant.now();
        return repository.snapshot().invoke(s -> memory.replace(s, readFrom)).chain(() -> {
            if (!sync.enabled()) {
                return Uni.createFrom().item(false);
            }
            return db.inTransaction(conn -> repository.tryReconcileLock(conn).chain(got -> got
                    ? Uni.createFrom().completionStage(() -> sync.request(List.of(), true, null)).replaceWith(true)
                    : Uni.createFrom().item(false)));
        }).invoke(done -> {
            if (done) {
                lastReconcileAt = Instant.now();
            }
        });
    }

    Instant lastReconcileAt() {
        return lastReconcileAt;
    }
}
