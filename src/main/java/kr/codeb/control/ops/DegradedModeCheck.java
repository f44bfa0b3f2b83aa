package kr.codeb.control.ops;

import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.registry.SlotJournal;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness reports the mode: {@code normal}, or {@code degraded} (DOWN) while slot reads come from the file registry. */
@Readiness
@ApplicationScoped
public class DegradedModeCheck implements HealthCheck {

    private final DatabaseStatus status;
    private final SlotJournal journal;

    DegradedModeCheck(DatabaseStatus status, SlotJournal journal) {
        this.status = status;
        this.journal = journal;
    }

    @Override
    public HealthCheckResponse call() {
        if (status.up()) {
            return HealthCheckResponse.named("mode").up().withData("mode", "normal").build();
        }
        return HealthCheckResponse.named("mode").down().withData("mode", "degraded")
                .withData("since", status.downSince().toString()).withData("journalEntries", journal.size()).build();
    }
}
