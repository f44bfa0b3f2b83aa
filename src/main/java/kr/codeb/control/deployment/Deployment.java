package kr.codeb.control.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One deployment of a build to a slot (seed 000 deployments), with its status and history marks. */
@RegisterForReflection
public record Deployment(String id, String projectName,
        @Schema(enumeration = {"production", "staging", "preview"}) String environment,
        @Schema(nullable = true, enumeration = {"blue", "green"}, description = "null while queued: a slot is taken at the start")
        String slot,
        @Schema(nullable = true) String version,
        @Schema(nullable = true) String image,
        DeploymentStatus status,
        @Schema(nullable = true) String deployedBy,
        @Schema(nullable = true) Instant promotedAt,
        @Schema(nullable = true) String promotedBy,
        @Schema(nullable = true) Instant rolledBackAt,
        @Schema(nullable = true) String rolledBackBy,
        @Schema(nullable = true) String rollbackReason,
        List<Object> steps,
        @Schema(nullable = true, description = "Milliseconds, as reported") Integer duration,
        @Schema(nullable = true, description = "The env-var version current at creation; null when none was written")
        Integer envVersion,


        Instant createdAt,
        @Schema(nullable = true) Instant completedAt,
        @Schema(nullable = true) Integer port,
        @Schema(nullable = true, description = "Until when a queued deployment waits for the lock") Instant waitUntil,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) String cancelledBy,
        @Schema(nullable = true) String cancelReason,
        @Schema(nullable = true, description = "The earlier deployment this one redeploys") String fromDeployment,
        @JsonIgnore boolean restoreVariables) {

    static final String COLUMNS = "id, project_name, environment, slot, version, image, status, deployed_by, promoted_at,"
            + " promoted_by, rolled_back_at, rolled_back_by, rollback_reason, steps, duration, env_version, created_at, completed_at,"
            + " port, wait_until, started_at, cancelled_by, cancel_reason, from_deployment, restore_variables";

    public static Deployment from(Row r) {
        JsonArray steps = r.getJsonArray("steps");
        return new Deployment(r.getString("id"), r.getString("project_name"), r.getString("environment"), r.getString("slot"),
                r.getString("version"), r.getString("image"), DeploymentStatus.of(r.getString("status")), r.getString("deployed_by"),
                instant(r.getOffsetDateTime("promoted_at")), r.getString("promoted_by"), instant(r.getOffsetDateTime("rolled_back_at")),
                r.getString("rolled_back_by"), r.getString("rollback_reason"), steps == null ? List.of() : steps.getList(),
                r.getInteger("duration"), r.getInteger("env_version"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("completed_at")), r.getInteger("port"), instant(r.getOffsetDateTime("wait_until")),
                instant(r.getOffsetDateTime("started_at")), r.getString("cancelled_by"), r.getString("cancel_reason"),
                r.getString("from_deployment"), Boolean.TRUE.equals(r.getBoolean("restore_variables")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public boolean isFinal() {
        return status.isFinal();
    }
}
