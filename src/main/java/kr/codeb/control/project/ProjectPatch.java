package kr.codeb.control.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v1/projects/{name}}: absent (or null) fields stay as they are; clear a field with
 * {@code PUT}. A project keeps its name and team.
 */
@RegisterForReflection
@Schema(examples = "{\"type\": \"remix\", \"redisDb\": 1}")
public record ProjectPatch(
        @Schema(enumeration = {"nextjs", "remix", "nodejs", "python", "go"})
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
