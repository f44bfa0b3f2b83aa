package kr.codeb.control.ops;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.common.db.DatabaseStatus;
import kr.codeb.control.common.db.ReadReplica;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** {@code /q/health/well}: the database's state for dashboards and alerts — DOWN whenever it is unusable, unlike readiness. */
@Wellness
@ApplicationScoped
public class DatabaseWellnessCheck implements HealthCheck {

    private final DatabaseStatus status;
    private final ReadReplica replica;

    DatabaseWellnessCheck(DatabaseStatus status, ReadReplica replica) {
        this.status = status;
        this.replica = replica;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("database").status(status.up())
                .withData("state", ReadinessCheck.database(status));
        if (status.downSince() != null) {
            r.withData("since", status.downSince().toString());
        }
        if (replica.configured()) {
            r.withData("replica", replica.state()).withData("replicaLagMs", replica.lag().toMillis());
        }
        return r.build();
    }
}
