package kr.codeb.control.common.db;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import kr.codeb.control.common.config.CodebConfig;
import org.jboss.logging.Logger;

/**
 * Whether PostgreSQL is reachable, from a periodic {@code SELECT 1} (seed 004's health check with
 * reconnect) and from the outcome of real queries. Going down switches reads to the file registry;
 * coming back fires {@link Recovered}, on which the journal is replayed.
 */
@ApplicationScoped
public class DatabaseStatus {

    /** Fired once each time the database becomes reachable again. */
    public record Recovered(Instant downSince) {
    }

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class);

    private final Pool pool;
    private final CodebConfig config;
    private final Event<Recovered> recovered;
    private volatile Instant downSince;

    DatabaseStatus(Pool pool, CodebConfig config, Event<Recovered> recovered) {
        this.pool = pool;
        this.config = config;
        this.recovered = recovered;
    }

    public boolean up() {
        return downSince == null;
    }

    /** When the current outage began; null while the database is up. */
    public Instant downSince() {
        return downSince;
    }

    /** A query failed because the database is unreachable. */
    public void markDown(Throwable cause) {
        if (downSince == null) {
            downSince = Instant.now();
            LOG.warnf("database unreachable (%s): serving slot reads from the file registry", cause == null ? "probe" : cause.getMessage());
        }
    }

    /** A query succeeded. */
    public void markUp() {
        Instant since = downSince;
        if (since != null) {
            downSince = null;
            LOG.infof("database reachable again after %d s", Duration.between(since, Instant.now()).toSeconds());
            recovered.fireAsync(new Recovered(since));
        }
    }

    @Scheduled(identity = "database-probe", every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probe() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(Duration.ofMillis(config.db().connectTimeout())).fail()
                .onItem().invoke(this::markUp)
                .onFailure().invoke(this::markDown)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
