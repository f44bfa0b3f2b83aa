package kr.codeb.control.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An audit row as {@code GET /audit-logs} shows it. */
@RegisterForReflection
public record AuditEntry(String id, Instant timestamp, String teamId, String keyId, String userId, String role,
        String action, String resource, String resourceId, JsonNode params, Boolean success, Integer duration,
        String ip, String userAgent, String error) {
}
