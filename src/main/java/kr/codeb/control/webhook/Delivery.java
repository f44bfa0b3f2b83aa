package kr.codeb.control.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to one webhook, as the delivery log shows it. */
@RegisterForReflection
public record Delivery(
        @Schema(examples = "whd_01jh6k3m2n4p5q6r7s8t9v0w1x") String id,
        String webhookId,
        @Schema(description = "The webhook-id header of every attempt") String eventId,
        @Schema(examples = "slot.promoted") String event,
        @Schema(enumeration = {"pending", "delivered", "failed"}) String status,
        int attempts,
        @Schema(nullable = true) Integer lastStatusCode,
        @Schema(nullable = true) String lastError,
        @Schema(nullable = true, description = "When the next attempt is due; null once delivered or failed") Instant nextAttemptAt,
        Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt) {

    static final String COLUMNS = "d.id, d.webhook_id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,"
            + " d.next_attempt_at, d.created_at, d.delivered_at";

    static Delivery from(Row r) {
        String status = r.getString("status");
        return new Delivery(r.getString("id"), r.getString("webhook_id"), r.getString("event_id"), r.getString("type"), status,
                r.getInteger("attempts"), r.getInteger("last_status_code"), r.getString("last_error"),
                "pending".equals(status) ? Webhook.instant(r.getOffsetDateTime("next_attempt_at")) : null,
                Webhook.instant(r.getOffsetDateTime("created_at")), Webhook.instant(r.getOffsetDateTime("delivered_at")));
    }

    /** One delivery with what was sent and the last answer (at most 4 KiB of it). */
    @RegisterForReflection
    public record Detail(@JsonUnwrapped Delivery delivery, @Schema(description = "The JSON body every attempt sends") String requestBody,
            @Schema(nullable = true, description = "The first 4 KiB of the last answer's body") String lastResponse) {
    }
}
