package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.CurrentCaller;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.PathParams;
import kr.codeb.control.team.TeamRepository;
import kr.codeb.control.team.TeamResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Projects (SPEC §5 "Projects"). Names are global: a name held by another team is a 409 that does not say
 * which team, and addressing another team's project is a 404. Path names are normalised like body names.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectResource {

    private final Access access;
    private final CurrentCaller current;
    private final ProjectRepository projects;
    private final TeamRepository teams;
    private final Db db;
    private final AuditContext auditContext;
    private final AuditLog auditLog;

    ProjectResource(Access access, CurrentCaller current, ProjectRepository projects, TeamRepository teams, Db db,
            AuditContext auditContext, AuditLog auditLog) {
        this.access = access;
        this.current = current;
        this.projects = projects;
        this.teams = teams;
        this.db = db;
        this.auditContext = auditContext;
        this.auditLog = auditLog;
    }

    @GET
    @Path("projects")
    @Operation(summary = "List projects (viewer)",
            description = "A team key lists its own team's projects; a system key lists every team's, or one team's with teamId."
                    + " In name order, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of projects")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<Page<Project>> list(
            @Parameter(description = "Only this team's projects", example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a")
            @QueryParam("teamId") String teamId,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Caller caller;
        String scope;
        if (teamId == null || teamId.isEmpty()) {
            caller = access.require(Action.PROJECT_LIST);
            scope = caller.system() ? null : caller.teamId();
        } else {
            caller = access.require(Action.PROJECT_LIST, teamId, TeamResource.notFound(teamId));
            scope = teamId;
        }
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        Uni<Void> teamExists = Uni.createFrom().voidItem();
        if (scope != null && !PathParams.isPlausibleId(scope)) {
            return Uni.createFrom().failure(ApiException.notFound(TeamResource.notFound(scope)));
        } else if (scope != null && caller.system()) {
            teamExists = teams.exists(scope).chain(exists -> exists ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(ApiException.notFound(TeamResource.notFound(teamId))));
        }
        return teamExists
                .chain(() -> projects.list(scope, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), p -> Cursor.encode(p.name())));
    }

    @POST
    @Path("projects")
    @Operation(summary = "Create a project (member)",
            description = "The name is normalised (\"My_App\" becomes \"my-app\"). A team key creates in its own team;"
                    + " a system key must name the team.")
    @APIResponse(responseCode = "201", description = "Created; Location names the project")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors), or a system key gave no teamId")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<RestResponse<Project>> create(@Valid @NotNull NewProject body) {
        String teamId = targetTeam(Action.PROJECT_CREATE, body.teamId());
        String name = ProjectNames.normalise(body.name());
        auditContext.resourceId(name).params(body);
        return db.inTransaction(conn -> projects.insert(conn, name, teamId, body.values())
                        .onItem().ifNull().switchTo(() -> projects.teamOf(conn, name)
                                .chain(holder -> Uni.createFrom().failure(taken(name, teamId.equals(holder)))))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(ProjectResource::isMissingTeam).transform(e -> ApiException.notFound(TeamResource.notFound(teamId)))
                .map(project -> RestResponse.ResponseBuilder.<Project>created(location(project)).entity(project).build());
    }

    @GET
    @Path("projects/{name}")
    @Operation(summary = "Read a project (viewer)")
    @APIResponse(responseCode = "200", description = "The project")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Project> get(@Parameter(example = "my-app") @PathParam("name") String rawName) {
        auditContext.action(Action.PROJECT_READ);
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            return Uni.createFrom().failure(notFound(rawName));
        }
        auditContext.resourceId(name);
        return projects.find(name)
                .onItem().ifNull().failWith(() -> notFound(name))
                .invoke(project -> access.require(Action.PROJECT_READ, project.teamId(), notFoundDetail(name)));
    }

    @PUT
    @Path("projects/{name}")
    @Operation(summary = "Create or replace a project (member)",
            description = "Creates the project (201) or replaces all its settable fields (200); fields left out take their"
                    + " defaults. A name held by another team is a 409.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created; Location names the project")
    @APIResponse(responseCode = "400", description = "The name or a field is invalid (see errors), or a system key gave no teamId")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "Another team holds the name")
    public Uni<RestResponse<Project>> replace(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Valid @NotNull ProjectReplacement body) {
        String teamId = targetTeam(Action.PROJECT_UPSERT, body.teamId());
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            throw ApiException.invalid("name", ProjectNames.RULE);
        }
        auditContext.resourceId(name).params(body);
        return db.inTransaction(conn -> projects.upsert(conn, name, teamId, body.values())
                        .onItem().ifNull().failWith(() -> taken(name, false))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(ProjectResource::isMissingTeam).transform(e -> ApiException.notFound(TeamResource.notFound(teamId)))
                .map(u -> u.created()
                        ? RestResponse.ResponseBuilder.<Project>created(location(u.project())).entity(u.project()).build()
                        : RestResponse.ok(u.project()));
    }

    @PATCH
    @Path("projects/{name}")
    @Operation(summary = "Change a project (member)", description = "Fields left out (or null) keep their value.")
    @APIResponse(responseCode = "200", description = "The changed project")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<Project> update(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Valid @NotNull ProjectPatch body) {
        auditContext.action(Action.PROJECT_UPDATE);
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            return Uni.createFrom().failure(notFound(rawName));
        }
        auditContext.resourceId(name).params(body);
        return db.inTransaction(conn -> projects.lock(conn, name)
                .onItem().ifNull().failWith(() -> notFound(name))
                .invoke(project -> access.require(Action.PROJECT_UPDATE, project.teamId(), notFoundDetail(name)))
                .chain(() -> projects.update(conn, name, body.values()))
                .call(() -> auditLog.recordInTransaction(conn)));
    }

    @DELETE
    @Path("projects/{name}")
    @Operation(summary = "Delete a project with its slots, deployments, domains and variables (admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such project, or another team's")
    public Uni<RestResponse<Void>> delete(@Parameter(example = "my-app") @PathParam("name") String rawName) {
        auditContext.action(Action.PROJECT_DELETE);
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            return Uni.createFrom().failure(notFound(rawName));
        }
        auditContext.resourceId(name);
        return db.inTransaction(conn -> projects.lock(conn, name)
                        .onItem().ifNull().failWith(() -> notFound(name))
                        .invoke(project -> access.require(Action.PROJECT_DELETE, project.teamId(), notFoundDetail(name)))
                        .chain(() -> projects.delete(conn, name))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .replaceWith(RestResponse.noContent());
    }

    /**
     * The team a create or upsert writes into, after the permission check: the body's teamId (another team's is
     * a 404), else the key's own team; a system key has none and must name one (400).
     */
    private String targetTeam(Action action, String requested) {
        Caller caller = current.get();
        if (requested == null) {
            if (caller.system()) {
                access.require(action);
                throw ApiException.invalid("teamId", "is required when a system key writes a project");
            }
            return access.require(action, caller.teamId(), TeamResource.notFound(caller.teamId())).teamId();
        }
        access.require(action, requested, TeamResource.notFound(requested));
        if (!PathParams.isPlausibleId(requested)) {
            throw ApiException.notFound(TeamResource.notFound(requested));
        }
        return requested;
    }

    private static boolean isMissingTeam(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    private static ApiException taken(String name, boolean ownTeam) {
        return ownTeam
                ? ApiException.conflict("The project '" + name + "' already exists in this team; PUT replaces it")
                : ApiException.conflict("The project name '" + name + "' is taken");
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound(notFoundDetail(name));
    }

    private static String notFoundDetail(String name) {
        return "No project named " + PathParams.shown(name);
    }

    private static URI location(Project project) {
        return URI.create("/api/v1/projects/" + project.name());
    }
}
