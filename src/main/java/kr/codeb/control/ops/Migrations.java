package kr.codeb.control.ops;

import io.quarkus.arc.InactiveBeanException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.registry.SlotRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the schema to this build's version (SPEC §7): at start-up when PostgreSQL answers; when it does not, a replica
 * with a file registry starts in degraded mode and migrates as soon as it returns (Flyway's lock makes replicas that do
 * so at once migrate once), and one without a registry, which could serve nothing, exits with one line naming the
 * database. Until the migrations ran, queries answer as if the database were unreachable.
 *
 * <p>A start on a database that already holds this build's newest migration does not run Flyway: one query over the
 * reactive pool proves it (Flyway over JDBC costs about a second of start-up for nothing to do). Flyway, with its
 * lock and its validation of the applied migrations, runs whenever a migration is pending, failed, or the check
 * cannot tell.
 */
@ApplicationScoped
public class Migrations {

    /** The newest migration this build ships (src/main/resources/db/migration; MigrationsTest keeps them equal). */
    static final String SHIPPED = "17";

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    private final Instance<Flyway> flyway;
    private final Pool pool;
    private final DatabaseStatus status;
    private final SlotRegistry registry;
    private final Vertx vertx;
    private final String database;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String expected;
    private volatile boolean started;

    Migrations(Instance<Flyway> flyway, Pool pool, DatabaseStatus status, SlotRegistry registry, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url", defaultValue = "(none)") String jdbcUrl) {
        this.flyway = flyway;
        this.pool = pool;
        this.status = status;
        this.registry = registry;
        this.vertx = vertx;
        // host, port and database only: the URL's query may carry options, never shown
        this.database = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    }

    // first of the start-up observers: the others read the database
    void onStart(@Observes @Priority(1) StartupEvent event) {
        // Flyway is JDBC and blocking; start-up runs on the main thread, never the event loop. The retry job must not
        // run a second Flyway beside this one (two would share the two JDBC connections and starve each other).
        running.set(true);
        Optional<Throwable> failure;
        try {
            failure = alreadyMigrated() ? Optional.empty() : migrate();
        } finally {
            running.set(false);
        }
        if (failure.isPresent() && unreachable(failure.get())) {
            if (registry.servable()) {
                LOG.warnf("cannot reach the database at %s (%s): serving degraded from the file registry %s; migrating once it answers",
                        database, rootMessage(failure.get()), registry.file());
            } else {
                LOG.errorf("cannot reach the database at %s (%s) and the file registry %s holds nothing to serve; exiting", database,
                        rootMessage(failure.get()), registry.file());
                Quarkus.asyncExit(1);
            }
        } else if (failure.isPresent()) {
            throw new IllegalStateException("database migration failed: " + rootMessage(failure.get()), failure.get());
        }
        started = true;
    }

    /** Tries again, off the event loop, while the schema is not migrated (the service started during an outage). */
    @Scheduled(identity = "migrations-retry", every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retry() {
        if (!started || status.schemaReady() || !running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return vertx.executeBlocking(Uni.createFrom().item(this::migrate))
                .invoke(failure -> failure.ifPresent(e -> LOG.debugf("migration not yet possible: %s", rootMessage(e))))
                .eventually(() -> running.set(false))
                .replaceWithVoid();
    }

    /**
     * Whether the database already holds {@link #SHIPPED} and no failed migration; then the schema is marked ready.
     * False when it does not, or when the question fails (no history table yet, the database unreachable): Flyway
     * then decides, and tells an outage from a broken migration.
     */
    private boolean alreadyMigrated() {
        try {
            // current: what Flyway's migrate reports as the schema's version (a newer build may have migrated further)
            Row row = pool.preparedQuery("SELECT count(*) FILTER (WHERE NOT success) AS failed,"
                            + " count(*) FILTER (WHERE success AND version = $1) AS shipped,"
                            + " (SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                            + " ORDER BY installed_rank DESC LIMIT 1) AS current FROM flyway_schema_history")
                    .execute(Tuple.of(SHIPPED)).await().atMost(Duration.ofSeconds(10)).iterator().next();
            if (row.getLong("failed") > 0 || row.getLong("shipped") == 0) {
                return false;
            }
            expected = row.getString("current");
        } catch (RuntimeException e) {
            LOG.debugf("schema version check failed, Flyway decides: %s", rootMessage(e));
            return false;
        }
        status.markUp();
        status.markSchemaReady();
        return true;
    }

    /** Migrates; empty on success (the schema is then marked ready), else why it failed. */
    private Optional<Throwable> migrate() {
        Flyway f;
        try {
            f = flyway.get();
        } catch (InactiveBeanException e) {
            // Flyway switched off (QUARKUS_FLYWAY_ACTIVE=false): the operator migrates; nothing to compare against
            status.markSchemaReady();
            return Optional.empty();
        }
        try {
            MigrateResult result = f.migrate();
            // the version the schema is at now; a second Flyway call (info()) would cost another connection and scan
            expected = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            status.markUp();
            status.markSchemaReady();
            if (started) {
                LOG.infof("database at %s migrated to version %s: leaving degraded mode", database, expected);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                status.markDown(e);
            }
            return Optional.of(e);
        }
    }

    /** The newest migration this build ships, known once it migrated. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    /** Whether start-up (the migration attempt included) has finished. */
    public boolean started() {
        return started;
    }

    /** Connection refused, unknown host, or a connection-class SQL state: the database cannot be reached at all. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
