package kr.codeb.control.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.problem.ApiException.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT …/policy}: the whole policy, a field left out taking its default (SPEC §12), and inside
 * {@code healthCheck} each field left out taking the check's default.
 */
@RegisterForReflection
public record PolicyRequest(@Schema(nullable = true) Check healthCheck, @Schema(nullable = true) Boolean autoPromote,
        @Schema(nullable = true) Window autoRollback, @Schema(nullable = true, minimum = "0", maximum = "5") Integer requiredApprovals,
        @Schema(nullable = true) Boolean preventSelfApproval) {

    @RegisterForReflection
    public record Check(@Schema(nullable = true, examples = "/health") String path,
            @Schema(nullable = true, minimum = "1", maximum = "3600") Integer intervalSeconds,
            @Schema(nullable = true, minimum = "100", maximum = "60000") Integer timeoutMs,
            @Schema(nullable = true, minimum = "1", maximum = "100") Integer healthyAfter,
            @Schema(nullable = true, minimum = "1", maximum = "100") Integer unhealthyAfter) {
    }

    @RegisterForReflection
    public record Window(@Schema(minimum = "1", maximum = "604800") Integer windowSeconds) {
    }

    /** The policy this body asks for, or 400 naming every invalid field. */
    public EnvironmentPolicy toPolicy(String project, String env) {
        List<FieldError> errors = new ArrayList<>();
        EnvironmentPolicy.HealthCheck check = null;
        if (healthCheck != null) {
            String path = healthCheck.path() == null ? "/health" : healthCheck.path();
            if (!path.startsWith("/") || path.length() > 500 || path.chars().anyMatch(c -> c <= ' ' || c == 127 || c == '#')) {
                errors.add(new FieldError("healthCheck.path", "must be an absolute path (starting with /, no spaces, at most 500 characters)"));
            }
            check = new EnvironmentPolicy.HealthCheck(path,
                    within(errors, "healthCheck.intervalSeconds", healthCheck.intervalSeconds(), 5, 1, 3600),
                    within(errors, "healthCheck.timeoutMs", healthCheck.timeoutMs(), 2000, 100, 60000),
                    within(errors, "healthCheck.healthyAfter", healthCheck.healthyAfter(), 2, 1, 100),
                    within(errors, "healthCheck.unhealthyAfter", healthCheck.unhealthyAfter(), 2, 1, 100));
        }
        EnvironmentPolicy.AutoRollback window = null;
        if (autoRollback != null) {
            if (autoRollback.windowSeconds() == null) {
                errors.add(new FieldError("autoRollback.windowSeconds", "is required (seconds after a promote, 1 to 604800)"));
            } else {
                window = new EnvironmentPolicy.AutoRollback(within(errors, "autoRollback.windowSeconds", autoRollback.windowSeconds(), 0, 1, 604800));
            }
        }
        int approvals = within(errors, "requiredApprovals", requiredApprovals, 0, 0, 5);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new EnvironmentPolicy(project, env, check, autoPromote, window, approvals,
                preventSelfApproval == null || preventSelfApproval, null, null);
    }

    private static int within(List<FieldError> errors, String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
        return value;
    }
}
