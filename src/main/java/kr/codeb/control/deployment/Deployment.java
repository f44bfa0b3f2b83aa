package kr.codeb.control.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** One deployment of a build to a slot (seed 000 deployments), with its status and history marks. */
@RegisterForReflection
public record Deployment(String id, String projectName, String environment, String slot, String version, String image,
        DeploymentStatus status, String deployedBy, Instant promotedAt, String promotedBy, Instant rolledBackAt, String rolledBackBy,
        String rollbackReason, List<Object> steps, Integer duration, Integer envVersion, Instant createdAt, Instant completedAt,
        Integer port, Instant waitUntil, Instant startedAt, String cancelledBy, String cancelReason, String fromDeployment,
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
