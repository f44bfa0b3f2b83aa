package kr.codeb.control.worktask;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/work-tasks}; a new task starts as {@code draft}. */
@RegisterForReflection
@Schema(examples = "{\"projectName\": \"my-app\", \"title\": \"Add login form\", \"author\": \"kim@example.com\","
        + " \"branch\": \"feature/login\", \"priority\": \"high\", \"affectedFiles\": [\"src/login.ts\"], \"affectedAreas\": [\"auth\"]}")
public record NewWorkTask(
        @Schema(examples = "my-app", description = "A project of the key's team") @NotBlank @Size(max = 200) String projectName,
        @Schema(examples = "Add login form") @NotBlank @Size(max = 500)
        @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String title,
        @Size(max = 65536) @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String description,
        @Schema(examples = "kim@example.com") @NotBlank @Size(max = 255)
        @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String author,
        @Schema(examples = "feature/login") @Size(max = 255)
        @Pattern(regexp = TaskInputs.NO_NUL, message = TaskInputs.NO_NUL_MESSAGE) String branch,
        @Schema(examples = "17") @Min(1) Integer prNumber,
        @Schema(enumeration = {"low", "medium", "high", "critical"}, defaultValue = "medium")
        @Pattern(regexp = WorkTask.PRIORITIES, message = WorkTask.PRIORITIES_MESSAGE) String priority,
        @Schema(description = "Normalised like lock paths; at most 500") List<String> affectedFiles,
        @Schema(description = "At most 100 names of 1 to 100 characters") List<String> affectedAreas) {
}
