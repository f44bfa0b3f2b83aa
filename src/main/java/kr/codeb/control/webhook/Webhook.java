package kr.codeb.control.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook endpoint as answers show it: never its secret. */
@RegisterForReflection
public record Webhook(
        @Schema(examples = "wh_01jh6k3m2n4p5q6r7s8t9v0w1x") String id,
        String teamId,
        @Schema(examples = "https://ci.example.com/codeb-events") String url,
        @Schema(examples = "[\"deployment.succeeded\", \"slot.promoted\"]") List<String> events,
        @Schema(nullable = true) String description,
        boolean enabled,
        @Schema(nullable = true, description = "Why the service disabled it (410 Gone, 5 days of failures); null when enabled")
        String disabledReason,
        @Schema(nullable = true) Instant disabledAt,
        @Schema(nullable = true, description = "Until when the secret before the last rotation still signs; null: none")
        Instant previousSecretExpiresAt,
        @Schema(nullable = true) String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = "id, team_id, url, events, description, enabled, disabled_reason, disabled_at,"
            + " previous_secret_expires_at, created_by, created_at, updated_at";

    static Webhook from(Row r) {
        return new Webhook(r.getString("id"), r.getString("team_id"), r.getString("url"), Arrays.asList(r.getArrayOfStrings("events")),
                r.getString("description"), Boolean.TRUE.equals(r.getBoolean("enabled")), r.getString("disabled_reason"),
                instant(r.getOffsetDateTime("disabled_at")),
                // an overlap that has ended is no longer a fact worth showing
                live(instant(r.getOffsetDateTime("previous_secret_expires_at"))), r.getString("created_by"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant live(Instant expires) {
        return expires == null || expires.isBefore(Instant.now()) ? null : expires;
    }
}
