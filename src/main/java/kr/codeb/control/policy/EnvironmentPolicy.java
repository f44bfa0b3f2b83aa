package kr.codeb.control.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How promotions of one project environment are gated (SPEC §12): the health check the prober runs, whether a success
 * report promotes by itself, the automatic-rollback window and the approvals a promote needs. An environment without a
 * stored policy has {@link #none}: no check, the team's auto-promote, no automatic rollback, no approvals.
 */
@RegisterForReflection
public record EnvironmentPolicy(String projectName, String environment,
        @Schema(nullable = true, description = "null: slots are not probed and promote is not gated on health") HealthCheck healthCheck,
        @Schema(nullable = true, description = "null: the team's settings.deploymentDefaults.autoPromote") Boolean autoPromote,
        @Schema(nullable = true, description = "null: no automatic rollback") AutoRollback autoRollback,
        int requiredApprovals, boolean preventSelfApproval,
        @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) String updatedBy) {

    /** An HTTP check of {@code http://CODEB_UPSTREAM_HOST:<slot port><path>}: a pass is a 2xx within {@code timeoutMs}. */
    @RegisterForReflection
    public record HealthCheck(String path, int intervalSeconds, int timeoutMs, int healthyAfter, int unhealthyAfter) {
    }

    /** Roll back by itself when the active slot turns unhealthy within this many seconds of a promote. */
    @RegisterForReflection
    public record AutoRollback(int windowSeconds) {
    }

    public static EnvironmentPolicy none(String project, String env) {
        return new EnvironmentPolicy(project, env, null, null, null, 0, true, null, null);
    }

    public boolean gatesOnHealth() {
        return healthCheck != null;
    }
}
