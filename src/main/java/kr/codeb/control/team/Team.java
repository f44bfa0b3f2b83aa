package kr.codeb.control.team;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team (tenant): every project, key and member belongs to one. */
@RegisterForReflection
public record Team(String id, String name, String slug, String owner, @Schema(nullable = true) String plan,
        @Schema(nullable = true) Map<String, Object> settings,
        @Schema(nullable = true) Instant createdAt, @Schema(nullable = true) Instant updatedAt) {

    static final String COLUMNS = "id, name, slug, owner, plan, settings, created_at, updated_at";

    static Team from(Row row) {
        JsonObject settings = row.getJsonObject("settings");
        return new Team(row.getString("id"), row.getString("name"), row.getString("slug"), row.getString("owner"),
                row.getString("plan"), settings == null ? Map.of() : settings.getMap(),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
