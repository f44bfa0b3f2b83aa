package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.team.TeamService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Projects (SPEC §5 "Projects"). Names are global: a name held by another team is a 409 that does not say
 * which team, and addressing another team's project is a 404. Path names are normalised like body names.
 */
// Class path /api/v1, not /api/v1/projects: a longer class path would capture /projects/{name}/… URLs that
// other resources (slots, deployments, domains, variables) serve, and JAX-RS matches classes first.
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectResource {

    private final Gate gate;
    private final ProjectRepository projects;
    private final ProjectService service;
    private final TeamService teams;

    ProjectResource(Gate gate, ProjectRepository projects, ProjectService service, TeamService teams) {
        this.gate = gate;
        this.projects = projects;
        this.service = service;
        this.teams = teams;
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
        Grant grant = teamId == null || teamId.isEmpty() ? gate.enter(Action.PROJECT_LIST)
                : gate.enter(Action.PROJECT_LIST, teamId, TeamService.notFoundDetail(teamId));
        String scope = grant.teamId() != null ? grant.teamId() : grant.caller().system() ? null : grant.caller().teamId();
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        Uni<Void> teamExists = scope == null ? Uni.createFrom().voidItem() : teams.requireExisting(grant, scope);
        return teamExists.chain(() -> projects.list(scope, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), p -> Cursor.encode(p.name())));
    }

    @POST
    @Path("projects")
    @Operation(summary = "Create a project (member)",
            description = "The name is normalised (\"My_App\" becomes \"my-app\"). A team key creates in its own team;"
                    + " a system key must name the team.")
    @APIResponseSchema(value = Project.class, responseCode = "201", responseDescription = "Created; Location names the project")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors), or a system key gave no teamId")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<RestResponse<Project>> create(@Valid @NotNull NewProject body) {
        Grant grant = writeGrant(Action.PROJECT_CREATE, body.teamId());
        return service.create(grant, grant.teamId(), ProjectNames.normalise(body.name()), body)
                .map(project -> RestResponse.ResponseBuilder.<Project>created(location(project)).entity(project).build());
    }

    @PUT
    @Path("projects/{name}")
    @Operation(summary = "Create or replace a project (member)",
            description = "Creates the project (201) or replaces all its settable fields (200); fields left out take their"
                    + " defaults. A name held by another team is a 409.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponseSchema(value = Project.class, responseCode = "201", responseDescription = "Created; Location names the project")
    @APIResponse(responseCode = "400", description = "The name or a field is invalid (see errors), or a system key gave no teamId")
    @APIResponse(responseCode = "403", description = "The key's role is below member")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "Another team holds the name")
    public Uni<RestResponse<Project>> replace(@Parameter(example = "my-app") @PathParam("name") String rawName,
            @Valid @NotNull ProjectReplacement body) {
        Grant grant = writeGrant(Action.PROJECT_UPSERT, body.teamId());
        String name = ProjectNames.normalise(rawName);
        if (!ProjectNames.isValid(name)) {
            throw ApiException.invalid("name", ProjectNames.RULE);
        }
        return service.replace(grant, grant.teamId(), name, body).map(u -> u.created()
                ? RestResponse.ResponseBuilder.<Project>created(location(u.project())).entity(u.project()).build()
                : RestResponse.ok(u.project()));
    }

    /**
     * The grant to write a project into a team: the body's teamId (another team's is a 404), else the key's own team;
     * a system key has none and must name one (400).
     */
    private Grant writeGrant(Action action, String requested) {
        if (requested == null) {
            Grant grant = gate.enter(action);
            if (grant.caller().system()) {
                throw ApiException.invalid("teamId", "is required when a system key writes a project");
            }
            return grant.forTeam(grant.caller().teamId());
        }
        Grant grant = gate.enter(action, requested, TeamService.notFoundDetail(requested));
        if (!RequestParams.isPlausibleId(requested)) {
            throw TeamService.notFound(requested);
        }
        return grant;
    }

    static URI location(Project project) {
        return URI.create("/api/v1/projects/" + project.name());
    }
}
