package kr.codeb.control.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.edge.ProxyState;
import kr.codeb.control.common.problem.DbFailures;
import org.jboss.logging.Logger;

/**
 * Applies the desired routes to Caddy. Runs are serialised on this replica (a request made while one runs joins the next
 * one), each reads Caddy's routes, sends only the calls {@link CaddyRoutes#plan} finds missing, and records per domain what
 * is applied. A failed run is retried with {@link Backoff}, audited, and never undoes anything in the database.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class ProxySync {

    private static final Logger LOG = Logger.getLogger(ProxySync.class);

    private final CaddyAdmin caddy;
    private final EdgeMemory memory;
    private final ProxyRepository repository;
    private final ProxyFailures failures;
    private final Vertx vertx;
    private final Db db;
    private final Counter succeeded;
    private final Counter failed;
    private final Map<String, ProxyState> states = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> nextScope = new HashSet<>();
    private final Set<String> retryScope = new HashSet<>();
    private CompletableFuture<Void> next;
    private boolean nextAll;
    private boolean running;
    private boolean retryAll;
    private boolean retryScheduled;
    private int failuresInRow;
    private volatile String lastError;
    private volatile Instant lastRunAt;
    private volatile Instant lastReconcileAt;

    ProxySync(CaddyAdmin caddy, EdgeMemory memory, ProxyRepository repository, ProxyFailures failures, Vertx vertx, Db db,
            MeterRegistry metrics) {
        this.db = db;
        this.caddy = caddy;
        this.memory = memory;
        this.repository = repository;
        this.failures = failures;
        this.vertx = vertx;
        this.succeeded = metrics.counter("codeb.proxy.syncs", "result", "success");
        this.failed = metrics.counter("codeb.proxy.syncs", "result", "failure");
        for (String status : new String[] {ProxyState.SYNCED, ProxyState.PENDING, ProxyState.ERROR}) {
            Gauge.builder("codeb.proxy.routes", states, s -> s.values().stream().filter(p -> p.status().equals(status)).count())
                    .tag("status", status).description("Domains by edge sync status").register(metrics);
        }
    }

    public boolean enabled() {
        return caddy.enabled();
    }

    /** A domain's state; null when it never was synced by this replica. */
    ProxyState state(String domain) {
        return states.get(domain);
    }

    String lastError() {
        return lastError;
    }

    Instant lastRunAt() {
        return lastRunAt;
    }

    /** The run that covers the last change of {@code key} ("e:project/env" or "d:domain"), while it has not finished. */
    CompletableFuture<Void> inFlight(String key) {
        return inFlight.get(key);
    }

    /** Syncs {@code domains} (all: every owned route and every desired one) after a change of {@code key} (null: none). */
    public CompletableFuture<Void> request(Collection<String> domains, boolean all, String key) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        SortedMap<String, String> desired = memory.desired();
        for (String d : domains) {
            ProxyState s = states.get(d);
            Integer want = Dials.port(desired.get(d));
            if (s == null || !ProxyState.SYNCED.equals(s.status()) || !Objects.equals(want, s.appliedPort())) {
                states.put(d, new ProxyState(ProxyState.PENDING, s == null ? null : s.appliedPort(), s == null ? null : s.appliedAt(),
                        s == null ? null : s.lastError()));
            }
        }
        CompletableFuture<Void> f;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            nextScope.addAll(domains);
            nextAll |= all;
            f = next;
            if (key != null) {
                inFlight.put(key, f);
                f.whenComplete((v, e) -> inFlight.remove(key, f));
            }
            if (!running) {
                startNext();
            }
        }
        return f;
    }

    private synchronized void startNext() {
        if (next == null) {
            running = false;
            return;
        }
        running = true;
        CompletableFuture<Void> f = next;
        Set<String> scope = Set.copyOf(nextScope);
        boolean all = nextAll;
        next = null;
        nextScope.clear();
        nextAll = false;
        Uni.createFrom().deferred(() -> run(scope, all)).subscribe().with(v -> finished(f), e -> {
            LOG.warnf("edge sync run failed unexpectedly: %s", e.getMessage());
            finished(f);
        });
    }

    private void finished(CompletableFuture<Void> f) {
        f.complete(null);
        startNext();
    }

    /** When a whole reconcile last ran on this replica (null: never). */
    Instant lastReconcileAt() {
        return lastReconcileAt;
    }

    /**
     * One run. A whole reconcile holds the advisory lock exclusively and reads the database under it; a run for a change
     * holds it shared, so that it waits for another replica's reconcile instead of being undone by that reconcile's older
     * read. Without a database the change's run goes ahead unlocked: the edge must not depend on it.
     */
    private Uni<Void> run(Set<String> scope, boolean all) {
        if (all) {
            return db.inTransaction(conn -> repository.tryReconcileLock(conn).chain(got -> {
                if (!got) {
                    // another replica reconciles; changes that joined this run are still applied, after it
                    return scope.isEmpty() ? Uni.createFrom().voidItem()
                            : repository.sharedReconcileLock(conn).chain(() -> apply(scope, false));
                }
                Instant readFrom = Instant.now();
                return repository.snapshot().invoke(snap -> memory.replace(snap, readFrom)).chain(() -> apply(scope, true))
                        .invoke(() -> lastReconcileAt = Instant.now());
            })).onFailure(DbFailures::isUnavailable).recoverWithUni(e -> scope.isEmpty() ? Uni.createFrom().voidItem() : apply(scope, false));
        }
        return db.inTransaction(conn -> repository.sharedReconcileLock(conn).chain(() -> apply(scope, false)))
                .onFailure(DbFailures::isUnavailable).recoverWithUni(e -> apply(scope, false));
    }

    private Uni<Void> apply(Set<String> scope, boolean all) {
        SortedMap<String, String> desired = memory.desired();
        lastRunAt = Instant.now();
        return caddy.routes().chain(current -> {
            Predicate<String> in = all ? d -> true : scope::contains;
            Set<String> covered = new HashSet<>(scope);
            if (all) {
                covered.addAll(desired.keySet());
                covered.addAll(CaddyRoutes.applied(current).keySet());
                memory.allDomains().forEach(d -> covered.add(d.domain()));
            }
            return Multi.createFrom().iterable(CaddyRoutes.plan(caddy.server(), current, desired, in))
                    .onItem().transformToUniAndConcatenate(caddy::send).collect().last()
                    .chain(() -> succeeded(covered, desired, all));
        }).onFailure(CaddyAdmin.Failure.class).recoverWithUni(e -> failed(all ? allKnown(desired) : scope, all, desired, e.getMessage()));
    }

    private Set<String> allKnown(SortedMap<String, String> desired) {
        Set<String> s = new HashSet<>(desired.keySet());
        memory.allDomains().forEach(d -> s.add(d.domain()));
        return s;
    }

    private Uni<Void> succeeded(Set<String> covered, SortedMap<String, String> desired, boolean all) {
        succeeded.increment();
        Instant now = Instant.now();
        Set<String> applied = new HashSet<>();
        for (String d : covered) {
            Integer port = Dials.port(desired.get(d));
            ProxyState before = states.get(d);
            if (port == null && memory.domain(d).isEmpty()) {
                states.remove(d);
                continue;
            }
            if (port != null) {
                applied.add(d);
            }
            boolean same = before != null && Objects.equals(before.appliedPort(), port) && before.appliedAt() != null;
            states.put(d, new ProxyState(ProxyState.SYNCED, port, port == null ? null : same ? before.appliedAt() : now, null));
        }
        synchronized (this) {
            failuresInRow = 0;
        }
        lastError = null;
        return repository.markConfigured(applied, all ? null : covered)
                .onFailure().recoverWithItem(e -> {
                    // the database being down must not fail the edge: the next reconcile writes the flag
                    LOG.debugf("caddy_configured not written: %s", e.getMessage());
                    return null;
                });
    }

    private Uni<Void> failed(Set<String> scope, boolean all, SortedMap<String, String> desired, String error) {
        failed.increment();
        lastError = error;
        Set<String> newlyFailing = new HashSet<>();
        Set<String> stale = new HashSet<>();
        for (String d : scope) {
            ProxyState before = states.get(d);
            if (before == null || !ProxyState.ERROR.equals(before.status())) {
                newlyFailing.add(d);
            }
            if (before == null || !Objects.equals(before.appliedPort(), Dials.port(desired.get(d)))) {
                stale.add(d);
            }
            states.put(d, new ProxyState(ProxyState.ERROR, before == null ? null : before.appliedPort(),
                    before == null ? null : before.appliedAt(), error));
        }
        scheduleRetry(scope, all);
        LOG.warnf("edge sync failed (retrying): %s", error);
        return failures.record(scope, newlyFailing, error)
                .chain(() -> repository.markConfigured(Set.of(), stale))
                .onFailure().recoverWithItem(e -> null);
    }

    private synchronized void scheduleRetry(Set<String> scope, boolean all) {
        failuresInRow++;
        retryScope.addAll(scope);
        retryAll |= all;
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        vertx.setTimer(Backoff.after(failuresInRow).toMillis(), id -> {
            Set<String> again;
            boolean everything;
            synchronized (this) {
                again = Set.copyOf(retryScope);
                everything = retryAll;
                retryScope.clear();
                retryAll = false;
                retryScheduled = false;
            }
            request(again, everything, null);
        });
    }

    /** Whether Caddy's routes were read at all: for the status endpoint. */
    Uni<JsonArray> caddyRoutes() {
        return caddy.routes();
    }
}
