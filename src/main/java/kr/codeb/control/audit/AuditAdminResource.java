package kr.codeb.control.audit;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.problem.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the audit cleanup on demand (system keys only). */
@Path("/api/v1/admin/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AuditAdminResource {

    private final Gate gate;
    private final AuditCleanup cleanup;
    private final CodebConfig config;

    AuditAdminResource(Gate gate, AuditCleanup cleanup, CodebConfig config) {
        this.gate = gate;
        this.cleanup = cleanup;
        this.config = config;
    }

    @POST
    @Path("/cleanup")
    @Operation(summary = "Delete audit rows older than olderThanDays now (system keys only)",
            description = "Answers {\"deleted\": n}; 409 while a cleanup runs on this or another replica.")
    public Uni<CleanupResult> cleanup(@Valid CleanupRequest body) {
        gate.describe(gate.enter(Action.AUDIT_CLEANUP), null, body);
        int days = body == null || body.olderThanDays() == null ? config.auditRetentionDays() : body.olderThanDays();
        return cleanup.run(days).map(deleted -> new CleanupResult(deleted.orElseThrow(
                () -> ApiException.conflict("An audit cleanup is already running on this or another replica; retry later"))));
    }
}
