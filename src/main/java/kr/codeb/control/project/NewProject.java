package kr.codeb.control.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects}; the name is normalised ({@code "My_App"} becomes {@code "my-app"}). */
@RegisterForReflection
@Schema(examples = "{\"name\": \"my-app\", \"type\": \"nextjs\", \"databaseName\": \"my_app_db\", \"databasePort\": 5433}")
public record NewProject(
        @Schema(examples = "my-app", description = "Global; lower-cased, spaces and '_' become '-'")
        @NotBlank @ValidProjectName String name,
        @Schema(description = "Defaults to the key's team; required with a system key",
                examples = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") String teamId,
        @Schema(enumeration = {"nextjs", "remix", "nodejs", "python", "go"}, defaultValue = Project.DEFAULT_TYPE)
        @Pattern(regexp = Project.TYPES, message = Project.TYPES_MESSAGE) String type,
        @Schema(examples = "my_app_db")
        @Pattern(regexp = Project.DATABASE_NAME, message = Project.DATABASE_NAME_MESSAGE) String databaseName,
        @Schema(examples = "5433") @Min(1) @Max(65535) Integer databasePort,
        @Schema(examples = "1") @Min(0) Integer redisDb,
        @Schema(examples = "6379") @Min(1) @Max(65535) Integer redisPort) {

    ProjectValues values() {
        return new ProjectValues(type, databaseName, databasePort, redisDb, redisPort);
    }
}
