package kr.codeb.control.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once start-up, database migration included, has finished. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private final Migrations schema;

    StartedCheck(Migrations schema) {
        this.schema = schema;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("start-up").status(schema.started()).build();
    }
}
