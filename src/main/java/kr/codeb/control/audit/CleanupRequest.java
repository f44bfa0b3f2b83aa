package kr.codeb.control.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/admin/audit-logs/cleanup}. */
@RegisterForReflection
@Schema(examples = "{\"olderThanDays\": 90}")
public record CleanupRequest(
        @Schema(description = "Delete rows older than this many days; the configured retention when absent", examples = "90")
        @Min(value = 1, message = "must be from 1 to 36500") @Max(value = 36_500, message = "must be from 1 to 36500")
        Integer olderThanDays) {
}
