package kr.codeb.control.ops;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.arc.InactiveBeanException;
import jakarta.enterprise.inject.Instance;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** The schema version this build ships (the newest Flyway migration), learnt once at start-up. */
@ApplicationScoped
public class SchemaVersion {

    private volatile String expected;
    private volatile boolean started;

    void onStart(@Observes @Priority(1) StartupEvent event, Instance<Flyway> flyway) {
        // Flyway is JDBC and blocking; start-up runs on the main thread, never the event loop.
        try {
            expected = Arrays.stream(flyway.get().info().all()).map(MigrationInfo::getVersion)
                    .filter(v -> v != null).max(Comparable::compareTo).map(Object::toString).orElse(null);
        } catch (InactiveBeanException e) {
            // Flyway switched off (QUARKUS_FLYWAY_ACTIVE=false): readiness then compares against nothing
            expected = null;
        }
        started = true;
    }

    /** The newest migration version on the class path. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    /** Whether start-up (migration included) has finished. */
    public boolean started() {
        return started;
    }
}
