package kr.codeb.control.deployment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.db.Db;

/**
 * The long-polls of {@code GET /deployments/{id}?waitFor=final}: each waiter is an emitter in a map, never a thread.
 * One query every {@value #POLL_MS} ms, for all waited deployments at once and only while someone waits, finds those
 * that ended — on this replica or another — and answers their waiters.
 */
@ApplicationScoped
public class DeploymentWaiters {

    static final long POLL_MS = 200;

    private final Map<String, Set<UniEmitter<? super Deployment>>> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final DeploymentRepository deployments;
    private final Db db;
    private final Vertx vertx;
    private long timer = -1;

    DeploymentWaiters(DeploymentRepository deployments, Db db, Vertx vertx) {
        this.deployments = deployments;
        this.db = db;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(POLL_MS, id -> poll());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** {@code current} once it is final, or as it is when {@code timeout} has passed. */
    public Uni<Deployment> awaitFinal(Deployment current, Duration timeout) {
        if (current.isFinal()) {
            return Uni.createFrom().item(current);
        }
        String id = current.id();
        return Uni.createFrom().<Deployment>emitter(em -> {
                    waiting.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(em);
                    em.onTermination(() -> forget(id, em));
                })
                .ifNoItem().after(timeout).recoverWithUni(() -> deployments.find(db.pool(), id))
                .map(d -> d == null ? current : d);
    }

    /** How many requests wait now (metrics, tests). */
    public int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(String id, UniEmitter<? super Deployment> em) {
        waiting.computeIfPresent(id, (k, set) -> {
            set.remove(em);
            return set.isEmpty() ? null : set;
        });
    }

    private void poll() {
        if (waiting.isEmpty() || !polling.compareAndSet(false, true)) {
            return;
        }
        List<String> ids = List.copyOf(waiting.keySet());
        deployments.finished(ids).subscribe().with(done -> {
            for (Deployment d : done) {
                Set<UniEmitter<? super Deployment>> ems = waiting.remove(d.id());
                if (ems != null) {
                    ems.forEach(em -> em.complete(d));
                }
            }
            polling.set(false);
        }, failure -> polling.set(false));
    }
}
