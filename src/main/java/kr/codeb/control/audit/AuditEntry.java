package kr.codeb.control.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An audit row as {@code GET /audit-logs} shows it. */
@RegisterForReflection
public record AuditEntry(String id, Instant timestamp, @Schema(nullable = true) String teamId,
        @Schema(nullable = true) String keyId, @Schema(nullable = true) String userId, @Schema(nullable = true) String role,
        String action, @Schema(nullable = true) String resource, @Schema(nullable = true) String resourceId,
        @Schema(nullable = true) JsonNode params, @Schema(nullable = true) Boolean success,
        @Schema(nullable = true) Integer duration,
        @Schema(nullable = true) String ip, @Schema(nullable = true) String userAgent, @Schema(nullable = true) String error) {
}
