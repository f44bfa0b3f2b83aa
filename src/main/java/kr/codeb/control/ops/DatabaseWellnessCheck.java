package kr.codeb.control.ops;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.common.db.DatabaseStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** {@code /q/health/well}: the database's state for dashboards and alerts — DOWN whenever it is unusable, unlike readiness. */
@Wellness
@ApplicationScoped
public class DatabaseWellnessCheck implements HealthCheck {

    private final DatabaseStatus status;

    DatabaseWellnessCheck(DatabaseStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("database").status(status.up())
                .withData("state", ReadinessCheck.database(status));
        if (status.downSince() != null) {
            r.withData("since", status.downSince().toString());
        }
        return r.build();
    }
}
