package kr.codeb.control.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A project: a globally named app of one team, which becomes a subdomain (seed 000 projects). */
@RegisterForReflection
public record Project(
        @Schema(examples = "my-app") String name,
        @Schema(nullable = true, examples = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") String teamId,
        @Schema(nullable = true, enumeration = {"nextjs", "remix", "nodejs", "python", "go"}) String type,
        @Schema(nullable = true, examples = "my_app_db") String databaseName,
        @Schema(nullable = true, examples = "5433") Integer databasePort,
        @Schema(nullable = true, examples = "1") Integer redisDb,
        @Schema(nullable = true, examples = "6379") Integer redisPort,
        @Schema(nullable = true) Instant createdAt,
        @Schema(nullable = true) Instant updatedAt) {

    /** The accepted {@code type} values, as a regular expression for the bodies' constraints. */
    public static final String TYPES = "nextjs|remix|nodejs|python|go";
    public static final String TYPES_MESSAGE = "must be one of nextjs, remix, nodejs, python, go";
    public static final String DEFAULT_TYPE = "nextjs";
    /** A PostgreSQL identifier that needs no quoting. */
    public static final String DATABASE_NAME = "[A-Za-z_][A-Za-z0-9_]{0,62}";
    public static final String DATABASE_NAME_MESSAGE = "must be 1 to 63 letters, digits or '_', not starting with a digit";

    static final String COLUMNS = "name, team_id, type, database_name, database_port, redis_db, redis_port, created_at, updated_at";

    static Project from(Row row) {
        return new Project(row.getString("name"), row.getString("team_id"), row.getString("type"),
                row.getString("database_name"), row.getInteger("database_port"), row.getInteger("redis_db"),
                row.getInteger("redis_port"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
