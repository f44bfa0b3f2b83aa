package kr.codeb.control.demo;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Demo data on the first dev start (issue 17): when the service starts in dev mode on a database without teams, it
 * makes the {@link DemoHistory} so that a newcomer has a project to look at and a first call to try. Never in a packaged
 * (production) run, never on a database that has a team; off with {@code CODEB_DEMO_DATA=false}.
 */
@ApplicationScoped
public class DemoData {

    /** What one attempt did. */
    public enum Outcome {
        /** The demo was made. */
        CREATED,
        /** The database already has teams: nothing was added. */
        ALREADY_THERE,
        /** Another process is making it right now (it holds the lock). */
        BUSY,
        /** Not wanted: switched off, or not dev mode. */
        OFF,
        /** It failed; logged as one warning. */
        FAILED
    }

    /** The advisory lock of the seeding, so two dev processes started at once do not both make it (other jobs use 7262001-2). */
    static final long LOCK_KEY = 7_262_017L;

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final Db db;
    private final DemoHistory history;
    private final CodebConfig config;
    private final String url;
    private volatile Uni<Outcome> atStart = Uni.createFrom().item(Outcome.OFF);

    DemoData(Db db, DemoHistory history, CodebConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.db = db;
        this.history = history;
        this.config = config;
        this.url = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
    }

    /** Whether start-up makes the demo: asked for, and a dev (or explicitly configured test) run, never a packaged one. */
    static boolean wanted(LaunchMode mode, boolean enabled) {
        return enabled && mode.isDevOrTest();
    }

    // Not awaited: start-up goes on while the demo is made over the reactive pool; a failure is one warning, never fatal.
    void onStart(@Observes StartupEvent event) {
        if (!wanted(LaunchMode.current(), config.demoData())) {
            return;
        }
        Uni<Outcome> run = seed().onFailure().recoverWithItem(e -> {
            LOG.warnf("Demo data was not (fully) created: %s; whatever it made stays (delete team '%s' to have it made again"
                    + " at the next start on a database without teams)", e.getMessage(), DemoHistory.TEAM);
            return Outcome.FAILED;
        }).memoize().indefinitely();
        atStart = run;
        run.subscribe().with(outcome -> { });
    }

    /** The outcome of the start-up attempt ({@link Outcome#OFF} when start-up did not try). */
    Uni<Outcome> atStart() {
        return atStart;
    }

    /** Makes the demo unless the database has a team or another process is making it; failures are the Uni's. */
    public Uni<Outcome> seed() {
        return db.pool().withConnection(conn -> db.query(conn, "demo.lock", "SELECT pg_try_advisory_lock($1) AS got", Tuple.of(LOCK_KEY))
                .chain(rows -> !rows.iterator().next().getBoolean("got") ? Uni.createFrom().item(Outcome.BUSY)
                        : seedIfEmpty().eventually(() -> db.query(conn, "demo.unlock", "SELECT pg_advisory_unlock($1)", Tuple.of(LOCK_KEY))
                                .onFailure().recoverWithNull())));
    }

    private Uni<Outcome> seedIfEmpty() {
        return db.query("demo.any_team", "SELECT EXISTS (SELECT 1 FROM teams) AS any", Tuple.tuple()).chain(rows -> {
            if (rows.iterator().next().getBoolean("any")) {
                return Uni.createFrom().item(Outcome.ALREADY_THERE);
            }
            return history.create().map(domain -> {
                // the key itself was printed once, in the banner above (or is CODEB_ADMIN_KEY): it is not repeated here
                LOG.infof("%n%n  Demo data created: team '%s', project '%s' (%s: v2 active, v1 in grace; 2 env versions; domain %s)."
                        + "%n  Try it with a system key as $KEY (the one printed above, or CODEB_ADMIN_KEY):%n%n    curl -H \"Authorization: Bearer $KEY\""
                        + " %s/api/v1/projects/%s/environments/%s/slot%n", DemoHistory.TEAM, DemoHistory.PROJECT, DemoHistory.ENV, domain,
                        url, DemoHistory.PROJECT, DemoHistory.ENV);
                return Outcome.CREATED;
            });
        });
    }
}
