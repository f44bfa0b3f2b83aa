package kr.codeb.control.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the audit log: {@code {"items": [...], "nextCursor": "…" | null, "total": n}}, total only on request. */
@RegisterForReflection
public record AuditPage(List<AuditEntry> items, @Schema(nullable = true) String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {
}
