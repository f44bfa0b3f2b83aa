package kr.codeb.control.team;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Teams (SPEC §5 "Teams and people"). */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamResource {

    private final Gate gate;
    private final TeamRepository teams;
    private final TeamService service;

    TeamResource(Gate gate, TeamRepository teams, TeamService service) {
        this.gate = gate;
        this.teams = teams;
        this.service = service;
    }

    @GET
    @Operation(summary = "List teams", description = "A team key sees its own team; a system key sees every team.")
    public Uni<Page<Team>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = gate.enter(Action.TEAM_LIST).caller();
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return teams.list(caller.system() ? null : caller.teamId(), page.after().map(p -> p.get(0)).orElse(null), page.fetchSize())
                .map(rows -> Page.of(rows, page.limit(), t -> Cursor.encode(t.id())));
    }

    @POST
    @Operation(summary = "Create a team (system keys only)",
            description = "Only system keys create teams; the slug is unique and plan is one of free, pro, enterprise.")
    @APIResponseSchema(value = Team.class, responseCode = "201", responseDescription = "Created; Location names the team")
    @APIResponse(responseCode = "409", description = "The id or slug is taken")
    public Uni<RestResponse<Team>> create(@Valid @NotNull NewTeam body) {
        return service.create(gate.enter(Action.TEAM_CREATE), body)
                .map(team -> RestResponse.ResponseBuilder.<Team>created(URI.create("/api/v1/teams/" + team.id())).entity(team).build());
    }

    @GET
    @Path("{teamId}")
    @Operation(summary = "Read a team (viewer)",
            description = "A team key reads its own team only; another team answers 404.")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<Team> get(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId) {
        gate.enter(Action.TEAM_READ, teamId, teamId, TeamService.notFoundDetail(teamId));
        if (!RequestParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(TeamService.notFound(teamId));
        }
        return teams.find(teamId).onItem().ifNull().failWith(() -> TeamService.notFound(teamId));
    }

    @PATCH
    @Path("{teamId}")
    @Operation(summary = "Change a team (admin)",
            description = "Fields left out (or null) keep their value; settings, when given, replace the old settings whole.")
    @APIResponse(responseCode = "200", description = "The changed team")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public Uni<Team> update(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Valid @NotNull TeamPatch body) {
        Grant grant = gate.enter(Action.TEAM_UPDATE, teamId, teamId, TeamService.notFoundDetail(teamId));
        if (!RequestParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(TeamService.notFound(teamId));
        }
        return service.update(grant, teamId, body);
    }

    @DELETE
    @Path("{teamId}")
    @Operation(summary = "Delete a team with its members, keys and projects (owner)",
            description = "Its keys stop working at once, on every replica within 5 s.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The key's role is below owner")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<RestResponse<Void>> delete(
            @Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId) {
        Grant grant = gate.enter(Action.TEAM_DELETE, teamId, teamId, TeamService.notFoundDetail(teamId));
        if (!RequestParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(TeamService.notFound(teamId));
        }
        return service.delete(grant, teamId).replaceWith(RestResponse.noContent());
    }
}
