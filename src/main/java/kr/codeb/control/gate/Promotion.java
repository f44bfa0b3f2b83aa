package kr.codeb.control.gate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A promotion waiting for (or decided by) approvals (SPEC §12). */
@RegisterForReflection
public record Promotion(String id, String deploymentId, String projectName, String environment, String requestedBy,
        List<Approval> approvals, int required,
        @Schema(enumeration = {"pending", "approved", "rejected", "superseded"}) String status,
        @Schema(nullable = true, description = "Why it was rejected or superseded") String reason,
        @Schema(nullable = true, description = "Why the last approval could not promote; the request stays pending") String lastError,
        @Schema(nullable = true) String decidedBy, Instant createdAt, @Schema(nullable = true) Instant decidedAt,
        @JsonIgnore String teamId, @JsonIgnore String requestedKey, @JsonIgnore boolean preventSelfApproval) {

    /** One approval: by whom, when. */
    @RegisterForReflection
    public record Approval(String by, Instant at, @JsonIgnore String keyId) {
    }

    public static final String PENDING = "pending";

    public boolean pending() {
        return PENDING.equals(status);
    }

    Promotion withApprovals(List<Approval> all) {
        return new Promotion(id, deploymentId, projectName, environment, requestedBy, all, required, status, reason, lastError, decidedBy,
                createdAt, decidedAt, teamId, requestedKey, preventSelfApproval);
    }
}
