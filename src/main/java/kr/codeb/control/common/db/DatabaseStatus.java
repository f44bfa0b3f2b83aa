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
 * Whether PostgreSQL is usable: reachable (from a periodic {@code SELECT 1}, seed 004's health check with reconnect, and
 * from the outcome of real queries) and at this build's schema (migrated at start-up, or once it returns when the
 * service started during an outage). While it is not, reads come from the file registry; becoming usable again fires
 * {@link Recovered}, on which the journal is replayed.
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
    private volatile boolean schemaReady;
    private volatile boolean everDown;

    DatabaseStatus(Pool pool, CodebConfig config, Event<Recovered> recovered) {
        this.pool = pool;
        this.config = config;
        this.recovered = recovered;
    }

    /** Reachable and migrated: queries may run. */
    public boolean up() {
        return downSince == null && schemaReady;
    }

    /** Reachable, whatever the schema. */
    public boolean reachable() {
        return downSince == null;
    }

    /** Whether the schema is at this build's version (the migrations ran). */
    public boolean schemaReady() {
        return schemaReady;
    }

    /** The migrations ran: from now on queries may run. After an outage at start-up, that is the recovery. */
    public void markSchemaReady() {
        if (!schemaReady) {
            schemaReady = true;
            if (downSince == null && everDown) {
                recovered.fireAsync(new Recovered(null));
            }
        }
    }

    /** When the current outage began; null while the database is up. */
    public Instant downSince() {
        return downSince;
    }

    /** A query failed because the database is unreachable. */
    public void markDown(Throwable cause) {
        everDown = true;
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
            if (schemaReady) {
                recovered.fireAsync(new Recovered(since));
            }
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
