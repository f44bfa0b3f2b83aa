package kr.codeb.control.proxy;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every {@code CODEB_CADDY_RECONCILE_INTERVAL}: each replica refreshes its {@link EdgeMemory} from the database (the
 * backstop for changes made on other replicas), and the one replica holding the advisory lock compares the whole desired
 * state with Caddy's routes and repairs the drift (a restarted Caddy that lost its routes, a hand edit, a missed event).
 */
@ApplicationScoped
class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final ProxyRepository repository;
    private final EdgeMemory memory;
    private final ProxySync sync;

    Reconciler(ProxyRepository repository, EdgeMemory memory, ProxySync sync) {
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

    /**
     * Refreshes the memory; then asks for a whole reconcile, which runs only where the advisory lock is free. Answers
     * whether this replica reconciled.
     */
    Uni<Boolean> reconcile() {
        Instant readFrom = Instant.now();
        return repository.snapshot().invoke(s -> memory.replace(s, readFrom)).chain(() -> {
            if (!sync.enabled()) {
                return Uni.createFrom().item(false);
            }
            Instant before = sync.lastReconcileAt();
            return Uni.createFrom().completionStage(() -> sync.request(List.of(), true, null))
                    .map(v -> sync.lastReconcileAt() != null && !sync.lastReconcileAt().equals(before));
        });
    }

    Instant lastReconcileAt() {
        return sync.lastReconcileAt();
    }
}
