package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/deployments/{id}}: a pipeline reporting progress or the outcome. */
@RegisterForReflection
@Schema(examples = "{\"status\": \"success\", \"duration\": 45000, \"steps\": [{\"name\": \"build\", \"status\": \"success\"}]}")
public record StatusReport(
        @Schema(enumeration = {"running", "success", "failed"}) @NotNull
        @Pattern(regexp = "running|success|failed", message = "must be one of running, success, failed") String status,
        @Schema(description = "Step log, e.g. [{\"name\":\"pull\",\"status\":\"success\",\"duration\":5000}]")
        @Size(max = 200) List<Map<String, Object>> steps,
        @Schema(description = "Total duration in ms", examples = "45000") @Min(0) @Max(Integer.MAX_VALUE) Integer duration) {
}
