package kr.codeb.control.common.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.PoolCreator;
import org.jboss.logging.Logger;

/**
 * The change notifications PostgreSQL sends at commit (migration V17, channel {@value #CHANNEL}), delivered to the
 * memory views that registered for their kind. The views are trusted only while this replica listens: a lost or
 * silent connection, a reconnect (what changed meanwhile is unknown) and a commit of this replica (its caller must read
 * it at once, before its own notification arrives) all start a new {@link #epoch}, which retires every entry read
 * before it.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class ChangeFeed implements Freshness {

    public static final String CHANNEL = "codeb_changes";
    /** The listening connection's name in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "codeb-change-feed";
    /** How often the listening connection is checked (and re-opened); a check unanswered by the next one ends it. */
    static final long CHECK_MS = 500;

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final Vertx vertx;
    private final PoolCreator pools;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile PgConnection conn;
    private volatile boolean live;
    private volatile boolean checkPending;
    private volatile boolean stopped;
    private long timer = -1;

    ChangeFeed(Vertx vertx, PoolCreator pools, Db db, MeterRegistry metrics) {
        this.vertx = vertx;
        this.pools = pools;
        db.onEveryCommit(this::wrote);
        Gauge.builder("codeb.cache.listening", this, f -> f.live ? 1 : 0)
                .description("1 while this replica receives change notifications and serves reads from memory").register(metrics);
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(0, CHECK_MS, id -> check());
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        PgConnection c = conn;
        if (c != null) {
            c.close();
        }
    }

    /** Calls {@code handler} with the key of every change of {@code kind} ({@code slot}, {@code project}, {@code key}). */
    public void on(String kind, Consumer<String> handler) {
        handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** True only while the listening connection is up. */
    @Override
    public boolean live() {
        return live;
    }

    @Override
    public long epoch() {
        return epoch.get();
    }

    /**
     * This replica committed, or answered a request that may have written: what changed is read from the database
     * until its notification arrives (a caller reads its own writes, SPEC §7).
     */
    public void wrote() {
        epoch.incrementAndGet();
    }

    private void check() {
        PgConnection c = conn;
        if (c == null) {
            connect();
            return;
        }
        if (checkPending) {
            // a server that stopped answering (paused, partitioned) keeps the socket open: nothing would tell us
            LOG.warn("change notifications: the listening connection did not answer; reconnecting");
            lost(c);
            c.close();
            return;
        }
        checkPending = true;
        c.query("SELECT 1").execute().onComplete(ar -> {
            if (conn == c) {
                checkPending = false;
            }
        });
    }

    private void connect() {
        PgConnectOptions options = pools.primaryOptions();
        if (options == null || stopped || !connecting.compareAndSet(false, true)) {
            return;
        }
        options.getProperties().put("application_name", APPLICATION_NAME);
        PgConnection.connect(vertx, options).compose(c -> {
            c.notificationHandler(n -> received(n.getPayload()));
            c.closeHandler(v -> lost(c));
            return c.query("LISTEN " + CHANNEL).execute().map(c).onFailure(e -> c.close());
        }).onComplete(ar -> {
            connecting.set(false);
            if (ar.failed()) {
                LOG.debugf("change notifications: cannot listen (%s); memory views stay off", ar.cause().getMessage());
                return;
            }
            checkPending = false;
            conn = ar.result();
            // what changed while nobody listened is unknown: nothing read before now is served
            epoch.incrementAndGet();
            live = true;
            LOG.debug("change notifications: listening");
        });
    }

    private void lost(PgConnection c) {
        if (conn != c) {
            return;
        }
        live = false;
        conn = null;
        epoch.incrementAndGet();
        if (!stopped) {
            LOG.info("change notifications: connection lost; reads go to the database until it is back");
        }
    }

    void received(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        List<Consumer<String>> targets = handlers.get(payload.substring(0, colon));
        if (targets != null) {
            String key = payload.substring(colon + 1);
            for (Consumer<String> handler : targets) {
                handler.accept(key);
            }
        }
    }
}
