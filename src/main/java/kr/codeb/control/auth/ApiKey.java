package kr.codeb.control.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team API key as stored: never the key itself, only its hash and display prefix. */
@RegisterForReflection
public record ApiKey(String id, @Schema(nullable = true) String teamId, String name, String keyPrefix, Role role,
        List<String> scopes,
        @Schema(nullable = true) RateLimit rateLimit, Instant createdAt, @Schema(nullable = true) String createdBy,
        @Schema(nullable = true) Instant lastUsedAt, @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true) Instant revokedAt, @Schema(nullable = true) String revokedBy) {

    /** {@code {"requestsPerMinute": N}} of seed 000's rate_limit column. */
    @RegisterForReflection
    public record RateLimit(Integer requestsPerMinute) {
    }

    public static final String COLUMNS = "id, team_id, name, key_prefix, role, scopes, rate_limit, created_at, created_by,"
            + " last_used_at, expires_at, revoked_at, revoked_by";

    public static ApiKey from(Row row) {
        JsonArray scopes = row.getJsonArray("scopes");
        JsonObject limit = row.getJsonObject("rate_limit");
        return new ApiKey(row.getString("id"), row.getString("team_id"), row.getString("name"),
                row.getString("key_prefix"), Role.parse(row.getString("role")).orElse(Role.VIEWER),
                scopes == null ? List.of() : scopes.stream().map(String::valueOf).toList(),
                limit == null || limit.getInteger("requestsPerMinute") == null ? null
                        : new RateLimit(limit.getInteger("requestsPerMinute")),
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("last_used_at")), instant(row.getOffsetDateTime("expires_at")),
                instant(row.getOffsetDateTime("revoked_at")), row.getString("revoked_by"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Whether the key authenticates at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
