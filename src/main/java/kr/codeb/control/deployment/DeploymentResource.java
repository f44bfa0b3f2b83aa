package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.slot.Environment;
import kr.codeb.control.slot.ProjectAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deployment history, one deployment, status reports, statistics (SPEC §5). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Slots and deployments")
public class DeploymentResource {

    private static final java.util.Set<String> STATUSES = java.util.Set.of("pending", "running", "success", "failed");

    private final ProjectAccess projects;
    private final DeploymentRepository deployments;
    private final DeploymentService service;
    private final Db db;
    private final AuditContext audit;

    DeploymentResource(ProjectAccess projects, DeploymentRepository deployments, DeploymentService service, Db db, AuditContext audit) {
        this.projects = projects;
        this.deployments = deployments;
        this.service = service;
        this.db = db;
        this.audit = audit;
    }

    @GET
    @Path("deployments/{id}")
    @Operation(summary = "One deployment")
    public Uni<Deployment> get(@PathParam("id") String id) {
        return known(id, Action.DEPLOYMENT_READ).map(Known::deployment);
    }

    @PATCH
    @Path("deployments/{id}")
    @Operation(summary = "Report a deployment's status", description = "running, then success or failed (final). With the team setting "
            + "deploymentDefaults.autoPromote, success promotes the slot in the same transaction unless the environment is frozen.")
    public Uni<Deployment> report(@PathParam("id") String id, @Valid @NotNull StatusReport body) {
        return known(id, Action.DEPLOYMENT_UPDATE).chain(k -> service.report(k.granted().caller(), k.granted().teamId(), k.deployment(), body));
    }

    @GET
    @Path("projects/{name}/deployments")
    @Operation(summary = "A project's deployments, newest first")
    public Uni<Page<Deployment>> list(@PathParam("name") String name, @QueryParam("environment") String env,
            @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (env != null && !env.isBlank() && !Environment.ALL.contains(env)) {
            throw ApiException.invalid("environment", "must be one of production, staging, preview");
        }
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of pending, running, success, failed");
        }
        PageRequest page = PageRequest.parse(limit, cursor, 2);
        OffsetDateTime afterCreated;
        try {
            afterCreated = page.after().map(p -> OffsetDateTime.parse(p.get(0))).orElse(null);
        } catch (java.time.DateTimeException e) {
            throw ApiException.invalid("cursor", "is not a cursor issued by this list");
        }
        return projects.require(Action.DEPLOYMENT_LIST, name)
                .chain(g -> deployments.list(name, blankToNull(env), blankToNull(status), afterCreated,
                        page.after().map(p -> p.get(1)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(),
                        d -> Cursor.encode(d.createdAt().atOffset(java.time.ZoneOffset.UTC).toString(), d.id())));
    }

    @GET
    @Path("projects/{name}/deployments/stats")
    @Operation(summary = "Deployment statistics per environment")
    public Uni<Map<String, DeploymentStats>> stats(@PathParam("name") String name) {
        return projects.require(Action.DEPLOYMENT_STATS, name).chain(g -> deployments.stats(name)).map(rows -> {
            Map<String, DeploymentStats> out = new LinkedHashMap<>();
            Environment.ALL.forEach(e -> out.put(e, DeploymentStats.NONE));
            rows.forEach(r -> {
                long succeeded = r.getLong("succeeded");
                long failed = r.getLong("failed");
                BigDecimal avg = r.getBigDecimal("avg_duration");
                OffsetDateTime last = r.getOffsetDateTime("last_deployed_at");
                out.put(r.getString("environment"), new DeploymentStats(r.getLong("total"), succeeded, failed,
                        succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed),
                        avg == null ? null : avg.setScale(0, java.math.RoundingMode.HALF_UP).longValue(),
                        last == null ? null : last.toInstant()));
            });
            return out;
        });
    }

    /** A deployment the caller may act on: unknown or another team's deployment is 404. */
    private record Known(Deployment deployment, ProjectAccess.Granted granted) {
    }

    private Uni<Known> known(String id, Action action) {
        audit.action(action);
        audit.resourceId(id);
        if (id == null || id.length() > 32) {
            return Uni.createFrom().failure(ApiException.notFound("No such deployment"));
        }
        return deployments.find(db.pool(), id).chain(found -> {
            Deployment d = found.orElseThrow(() -> ApiException.notFound("No such deployment"));
            return projects.require(action, d.projectName())
                    .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404
                            ? ApiException.notFound("No such deployment") : e)
                    .map(g -> {
                        audit.resourceId(id);
                        return new Known(d, g);
                    });
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
