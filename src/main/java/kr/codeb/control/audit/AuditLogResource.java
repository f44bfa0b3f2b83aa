package kr.codeb.control.audit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log (SPEC §5 "Audit log"): who did what, newest first. */
@Path("/api/v1/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AuditLogResource {

    private final Gate gate;
    private final AuditRepository repository;

    AuditLogResource(Gate gate, AuditRepository repository) {
        this.gate = gate;
        this.repository = repository;
    }

    @GET
    @Operation(summary = "List audit rows, newest first",
            description = "Admin. A team key sees its own team's rows only (another team's teamId answers 404); a system"
                    + " key sees every row and may filter by teamId. since is inclusive, until exclusive.")
    public Uni<AuditPage> list(
            @Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @QueryParam("teamId") String teamId,
            @Parameter(example = "deployment.create") @QueryParam("action") String action,
            @Parameter(example = "deployment") @QueryParam("resource") String resource,
            @Parameter(example = "my-app") @QueryParam("resourceId") String resourceId,
            @Parameter(example = "false") @QueryParam("success") String success,
            @Parameter(example = "2026-01-15T00:00:00Z") @QueryParam("since") String since,
            @Parameter(example = "2026-01-16T00:00:00Z") @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Also count every matching row (slower on a large log)", example = "true")
            @QueryParam("withTotal") String withTotal) {
        Caller caller = gate.enter(Action.AUDIT_LIST).caller();
        String team = teamId == null || teamId.isBlank() ? null : teamId.trim();
        if (!caller.system()) {
            if (team != null && !team.equals(caller.teamId())) {
                throw ApiException.notFound("No team '" + team + "'");
            }
            team = caller.teamId();
        }
        OffsetDateTime from = instant("since", since);
        OffsetDateTime to = instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("until", "must be later than since");
        }
        AuditQuery filter = new AuditQuery(team, RequestParams.optional(action), RequestParams.optional(resource),
                RequestParams.optional(resourceId), RequestParams.bool("success", success), from, to);
        boolean total = RequestParams.flag("withTotal", withTotal);
        PageRequest page = PageRequest.parse(limit, cursor, 2);
        OffsetDateTime afterTimestamp = page.after().map(p -> cursorTime(p.get(0))).orElse(null);
        String afterId = page.after().map(p -> p.get(1)).orElse(null);
        Uni<Page<AuditEntry>> items = repository.list(filter, afterTimestamp, afterId, page.fetchSize())
                .map(rows -> Page.of(rows, page.limit(), e -> Cursor.encode(e.timestamp().toString(), e.id())));
        if (!total) {
            return items.map(p -> new AuditPage(p.items(), p.nextCursor(), null));
        }
        return Uni.combine().all().unis(items, repository.count(filter)).asTuple()
                .map(t -> new AuditPage(t.getItem1().items(), t.getItem1().nextCursor(), t.getItem2()));
    }

    /** An ISO-8601 date-time with offset ({@code 2026-01-15T00:00:00Z}) or a date (midnight UTC). */
    static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 date-time such as 2026-01-15T00:00:00Z");
        }
    }

    private static OffsetDateTime cursorTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("cursor", "is not a cursor issued by this list");
        }
    }
}
