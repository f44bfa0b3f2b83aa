package kr.codeb.control.ops;

import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.common.db.ReadReplica;
import kr.codeb.control.registry.SlotJournal;
import kr.codeb.control.registry.SlotRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness as SPEC §7 has it for Kubernetes, where every replica shares the database: UP while this replica can serve
 * (normally, or degraded from a readable file registry), DOWN before start-up completes and while it can serve nothing;
 * with {@code CODEB_READINESS_REQUIRES_DB=true}, DOWN whenever the database is unusable. From memory only, so it answers at
 * once in an outage. Shutdown is Quarkus' own readiness check (DOWN from the first moment of the shutdown delay).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final DatabaseStatus status;
    private final Migrations migrations;
    private final SlotRegistry registry;
    private final SlotJournal journal;
    private final CodebConfig config;
    private final ReadReplica replica;

    ReadinessCheck(DatabaseStatus status, Migrations migrations, SlotRegistry registry, SlotJournal journal, CodebConfig config,
            ReadReplica replica) {
        this.status = status;
        this.migrations = migrations;
        this.registry = registry;
        this.journal = journal;
        this.config = config;
        this.replica = replica;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("mode").withData("database", database(status));
        if (replica.configured()) {
            r.withData("replica", replica.state());
        }
        if (!migrations.started()) {
            return r.down().withData("mode", "starting").build();
        }
        if (status.up()) {
            return r.up().withData("mode", "normal").withData("schema", migrations.expected().orElse("unmanaged")).build();
        }
        if (status.downSince() != null) {
            r.withData("since", status.downSince().toString());
        }
        if (config.readinessRequiresDb() || !registry.servable()) {
            return r.down().withData("mode", registry.servable() ? "degraded" : "unavailable").build();
        }
        return r.up().withData("mode", "degraded").withData("journalEntries", journal.size()).build();
    }

    /** {@code up}, {@code down}, or {@code migrating} (reachable, not yet at this build's schema). */
    static String database(DatabaseStatus status) {
        return status.up() ? "up" : status.reachable() ? "migrating" : "down";
    }
}
