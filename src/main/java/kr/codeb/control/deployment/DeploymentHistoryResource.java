package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.Environment;
import kr.codeb.control.project.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's deployment history and statistics (SPEC §5). */
// Class path /api/v1 for the reason SlotResource gives.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class DeploymentHistoryResource {

    private final ProjectAccess projects;
    private final DeploymentRepository deployments;

    DeploymentHistoryResource(ProjectAccess projects, DeploymentRepository deployments) {
        this.projects = projects;
        this.deployments = deployments;
    }

    @GET
    @Path("projects/{name}/deployments")
    @Operation(summary = "A project's deployments, newest first",
            description = "Filter by environment and status; keyset paginated with limit and cursor.")
    public Uni<Page<Deployment>> list(@PathParam("name") String name, @QueryParam("environment") String environment,
            @QueryParam("status") String statusText, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String env = RequestParams.optional(environment);
        if (env != null && !Environment.ALL.contains(env)) {
            throw ApiException.invalid("environment", "must be one of production, staging, preview");
        }
        String wanted = RequestParams.optional(statusText);
        DeploymentStatus status = wanted == null ? null : DeploymentStatus.parse(wanted)
                .orElseThrow(() -> ApiException.invalid("status", "must be one of "
                        + java.util.Arrays.stream(DeploymentStatus.values()).map(DeploymentStatus::wire).collect(java.util.stream.Collectors.joining(", "))));
        PageRequest page = PageRequest.parse(limit, cursor, 2);
        OffsetDateTime afterCreated;
        try {
            afterCreated = page.after().map(p -> OffsetDateTime.parse(p.get(0))).orElse(null);
        } catch (DateTimeException e) {
            throw ApiException.invalid("cursor", "is not a cursor issued by this list");
        }
        return projects.require(Action.DEPLOYMENT_LIST, name)
                .chain(g -> deployments.list(g.name(), env, status, afterCreated, page.after().map(p -> p.get(1)).orElse(null),
                        page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), d -> Cursor.encode(d.createdAt().atOffset(ZoneOffset.UTC).toString(), d.id())));
    }

    @GET
    @Path("projects/{name}/deployments/stats")
    @Operation(summary = "Deployment statistics per environment",
            description = "Keyed by environment: totals, success rate (succeeded over succeeded plus failed; cancelled and expired counted apart), average duration and the last deploy.")
    public Uni<Map<String, DeploymentStats>> stats(@PathParam("name") String name) {
        return projects.require(Action.DEPLOYMENT_STATS, name).chain(g -> deployments.stats(g.name()));
    }
}
