package kr.codeb.control.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and answer bodies of the webhook routes that are not a {@link Webhook} itself. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /** Body of {@code POST /api/v1/teams/{teamId}/webhooks}. */
    @RegisterForReflection
    @Schema(examples = "{\"url\": \"https://ci.example.com/codeb-events\", \"events\": [\"deployment.succeeded\", \"slot.promoted\"]}")
    public record NewWebhook(
            @Schema(examples = "https://ci.example.com/codeb-events") @NotBlank @Size(max = TargetRules.MAX_URL_LENGTH) String url,
            @Schema(description = "Event names of SPEC §10, or [\"*\"] for all") @NotNull @Size(min = 1, max = 50)
            List<@NotBlank @Size(max = 64) String> events,
            @Size(max = 500) String description,
            @Schema(defaultValue = "true") Boolean enabled) {
    }

    /** Body of {@code PATCH …/webhooks/{id}}: absent (or null) fields stay as they are; enabling clears the disabled reason. */
    @RegisterForReflection
    @Schema(examples = "{\"enabled\": true}")
    public record WebhookPatch(
            @Size(min = 1, max = TargetRules.MAX_URL_LENGTH) String url,
            @Size(min = 1, max = 50) List<@NotBlank @Size(max = 64) String> events,
            @Size(max = 500) String description,
            Boolean enabled) {
    }

    /** The answer to create: the webhook and, this once, its secret. */
    @RegisterForReflection
    public record CreatedWebhook(Webhook webhook, @Schema(examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    /** The answer to rotate-secret: the new secret (shown this once) and until when the old one still signs. */
    @RegisterForReflection
    public record RotatedSecret(String webhookId, String secret, @Schema(nullable = true) Instant previousSecretExpiresAt) {
    }

    /** The answer to ping and redeliver: what was queued. */
    @RegisterForReflection
    public record Queued(String deliveryId, String eventId) {
    }
}
