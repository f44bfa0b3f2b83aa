package kr.codeb.control.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /api/v1/projects/{name}}: the whole project (the name is the path's). Fields left out
 * take their defaults: type nextjs, the others none.
 */
@RegisterForReflection
@Schema(examples = "{\"type\": \"remix\", \"redisDb\": 1, \"redisPort\": 6379}")
public record ProjectReplacement(
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
