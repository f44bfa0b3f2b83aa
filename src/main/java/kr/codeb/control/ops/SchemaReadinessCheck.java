package kr.codeb.control.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import kr.codeb.control.common.db.Db;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and its schema is at the version this build ships. */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "database schema";

    private final Db db;
    private final SchemaVersion schema;

    SchemaReadinessCheck(Db db, SchemaVersion schema) {
        this.db = db;
        this.schema = schema;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String expected = schema.expected().orElse("none");
        return db.query("health.schema", "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                        + " ORDER BY installed_rank DESC LIMIT 1", Tuple.tuple())
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : "none")
                .map(actual -> HealthCheckResponse.named(NAME).status(actual.equals(expected))
                        .withData("expected", expected).withData("actual", actual).build())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("expected", expected).withData("error", "database unreachable").build());
    }
}
