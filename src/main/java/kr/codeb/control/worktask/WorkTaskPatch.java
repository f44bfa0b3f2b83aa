package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v1/work-tasks/{id}}: absent (or null) fields keep their value; lists, when given,
 * replace the stored list. A status change must follow the task flow.
 */
@RegisterForReflection
@Schema(examples = "{\"status\": \"in-progress\", \"branch\": \"feature/login\", \"prNumber\": 17}")
public record WorkTaskPatch(
        @Schema(description = "Not blank") @Size(max = 500)
        @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String title,
        @Size(max = 65536) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String description,
        @Size(max = 255) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String branch,
        @Min(1) Integer prNumber,
        @Schema(enumeration = {"low", "medium", "high", "critical"})
        @Pattern(regexp = WorkTask.PRIORITIES, message = WorkTask.PRIORITIES_MESSAGE) String priority,
        List<String> affectedFiles,
        List<String> affectedAreas,
        @Schema(enumeration = {"draft", "in-progress", "review", "done", "deployed"},
                description = "draft → in-progress → review → done → deployed, and review → in-progress; done and deployed"
                        + " release the task's locks")
        @Pattern(regexp = TaskStatus.PATTERN, message = TaskStatus.MESSAGE) String status,
        @Schema(examples = "dep_01jd3x7k2m9q8r4t6v5w0y1z2a", description = "A deployment of the task's project")
        @Size(max = 32) String deployId) {
}
