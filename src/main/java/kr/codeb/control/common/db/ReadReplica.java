package kr.codeb.control.common.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.config.CodebConfig;
import org.jboss.logging.Logger;

/**
 * The optional read replica of {@code DATABASE_READ_URL} and whether a read may use it now.
 *
 * <p>Every {@value #CHECK_MS} ms the primary's WAL position is sampled and the replica's replay position read. Once the
 * replica has replayed past a sample, it holds everything committed before that sample was taken: that instant,
 * {@link Freshness#caughtUpAt}, bounds how stale the replica can be without trusting either server's clock (the replay
 * timestamp grows on an idle primary although nothing is missing). A read uses the replica only while that bound is
 * under {@code CODEB_READ_MAX_LAG} and this process answered no write request since — its callers read their own writes.
 */
@ApplicationScoped
public class ReadReplica {

    static final long CHECK_MS = 250;
    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    /** What the last checks established; replaced as a whole so readers see one consistent view. */
    record Freshness(long caughtUpAt, long checkedAt, boolean reachable) {
    }

    private final CodebConfig config;
    private final Pool primary;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Lsn.Samples samples = new Lsn.Samples(64);
    private volatile Pool replica;
    private volatile Freshness freshness = new Freshness(Lsn.NONE, Lsn.NONE, false);
    private volatile long lastWrite = System.nanoTime();
    private long timer = -1;

    ReadReplica(CodebConfig config, Pool primary, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.primary = primary;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ignored) {
        config.db().readUrl().ifPresent(url -> {
            CodebConfig.DbConfig db = config.db();
            PgConnectOptions options = PgConnectOptions.fromUri(url).setConnectTimeout(db.connectTimeout());
            options.getProperties().put("application_name", "codeb-control-plane");
            PoolOptions pool = new PoolOptions().setName("codeb-read").setMaxSize(db.poolMax())
                    .setIdleTimeout(db.poolIdleTimeout()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                    .setConnectionTimeout(db.connectTimeout()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setMaxWaitQueueSize(db.poolMax() * 50);
            replica = Pool.newInstance(PgBuilder.pool().with(pool).connectingTo(options).using(vertx).build());
            Gauge.builder("codeb.db.replica.lag", this, r -> r.lag().toMillis() / 1000.0).baseUnit("seconds")
                    .description("Upper bound of how far the read replica is behind the primary").register(metrics);
            Gauge.builder("codeb.db.replica.usable", this, r -> r.usable() ? 1 : 0)
                    .description("1 while reads outside transactions go to the read replica").register(metrics);
            LOG.infof("read replica %s:%d configured; reads outside transactions use it while it is under %s behind",
                    options.getHost(), options.getPort(), maxLag());
            timer = vertx.setPeriodic(0, CHECK_MS, id -> check());
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The replica to read from now, or null when reads must go to the primary. */
    Pool forRead() {
        return usable() && lastWrite < freshness.caughtUpAt() ? replica : null;
    }

    /** A request that may have written was answered: until the replica is known to hold it, reads go to the primary. */
    public void wrote() {
        lastWrite = System.nanoTime();
    }

    /** A read on the replica failed for a reason of the replica's: stop using it until a check finds it well. */
    void failed(Throwable cause) {
        Freshness f = freshness;
        if (f.reachable()) {
            LOG.warnf("read replica failed (%s); reading from the primary until it recovers", cause.getMessage());
        }
        freshness = new Freshness(f.caughtUpAt(), f.checkedAt(), false);
    }

    public boolean configured() {
        return replica != null;
    }

    /** For health data: {@code in-use}, {@code behind} or {@code unreachable}; null without a replica. */
    public String state() {
        if (replica == null) {
            return null;
        }
        return usable() ? "in-use" : freshness.reachable() ? "behind" : "unreachable";
    }

    /** Reachable, checked recently, and behind by less than {@code CODEB_READ_MAX_LAG}. */
    public boolean usable() {
        Freshness f = freshness;
        long now = System.nanoTime();
        return replica != null && f.reachable() && f.caughtUpAt() != Lsn.NONE && now - f.checkedAt() < TimeUnit.MILLISECONDS.toNanos(4 * CHECK_MS)
                && now - f.caughtUpAt() < maxLag().toNanos();
    }

    /** How far behind the replica may be at most: the age of the newest primary position it is known to hold. */
    public Duration lag() {
        long caughtUp = freshness.caughtUpAt();
        return caughtUp == Lsn.NONE ? maxLag().multipliedBy(2) : Duration.ofNanos(System.nanoTime() - caughtUp);
    }

    private Duration maxLag() {
        return config.db().readMaxLag();
    }

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        long at = System.nanoTime();
        Duration timeout = Duration.ofMillis(config.db().connectTimeout());
        primary.query("SELECT pg_current_wal_lsn()::text AS lsn").execute()
                .ifNoItem().after(timeout).fail()
                .invoke(rows -> samples.add(at, Lsn.parse(rows.iterator().next().getString("lsn"))))
                .onFailure().recoverWithNull()
                .chain(() -> replica.query("SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed")
                        .execute().ifNoItem().after(timeout).fail())
                .map(rows -> rows.iterator().next())
                .subscribe().with(row -> replicaAnswered(row, at), failure -> {
                    failed(failure);
                    checking.set(false);
                });
    }

    private void replicaAnswered(Row row, long at) {
        Freshness f = freshness;
        // a server that is not replaying is a primary itself: nothing can be missing from it
        long caughtUp = row.getBoolean("standby") ? samples.heldBy(Lsn.parse(row.getString("replayed"))) : at;
        if (!f.reachable()) {
            LOG.info("read replica reachable: reads outside transactions may use it again");
        }
        freshness = new Freshness(Math.max(caughtUp, f.caughtUpAt()), System.nanoTime(), true);
        checking.set(false);
    }
}
