package kr.codeb.control.member;

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
import kr.codeb.control.auth.Role;
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
 * Team members (SPEC §5 "Teams and people"). A key never gives a role above its own, and never changes or
 * removes a member whose role is above its own (so an admin cannot touch an owner).
 */
@Path("/api/v1/teams/{teamId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final Gate gate;
    private final MemberRepository members;
    private final MemberService service;
    private final TeamService teams;

    MemberResource(Gate gate, MemberRepository members, MemberService service, TeamService teams) {
        this.gate = gate;
        this.members = members;
        this.service = service;
        this.teams = teams;
    }

    @GET
    @Operation(summary = "List a team's members (viewer)", description = "In id order, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of members")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<Page<Member>> list(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Grant grant = gate.enter(Action.MEMBER_LIST, teamId, TeamService.notFoundDetail(teamId));
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return teams.requireExisting(grant, teamId)
                .chain(() -> members.list(teamId, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), m -> Cursor.encode(m.id())));
    }

    @POST
    @Operation(summary = "Add a member (admin)", description = "The role may not be above the calling key's own role.")
    @APIResponseSchema(value = Member.class, responseCode = "201", responseDescription = "Created; Location names the member")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin, or below the requested role")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "The team already has a member with this email")
    public Uni<RestResponse<Member>> create(
            @Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Valid @NotNull NewMember body) {
        Grant grant = gate.enter(Action.MEMBER_CREATE, teamId, TeamService.notFoundDetail(teamId));
        Role role = role(body.role());
        if (!RequestParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(TeamService.notFound(teamId));
        }
        return service.create(grant, teamId, body, role).map(member -> RestResponse.ResponseBuilder.<Member>created(
                URI.create("/api/v1/teams/" + teamId + "/members/" + member.id())).entity(member).build());
    }

    @PATCH
    @Path("{memberId}")
    @Operation(summary = "Change a member's name or role (admin)",
            description = "Fields left out (or null) keep their value; an empty name clears it. A key may not give a role above its own, nor change a member"
                    + " whose role is above its own.")
    @APIResponse(responseCode = "200", description = "The changed member")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin, the requested role, or the member's role")
    @APIResponse(responseCode = "404", description = "No such member or team, or another team's")
    public Uni<Member> update(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Parameter(example = "mem_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("memberId") String memberId,
            @Valid @NotNull MemberPatch body) {
        Grant grant = gate.enter(Action.MEMBER_UPDATE, teamId, memberId, TeamService.notFoundDetail(teamId));
        Role role = body.role() == null ? null : role(body.role());
        if (!RequestParams.isPlausibleId(teamId) || !RequestParams.isPlausibleId(memberId)) {
            return Uni.createFrom().failure(MemberService.notFound(memberId));
        }
        return service.update(grant, teamId, memberId, body, role);
    }

    @DELETE
    @Path("{memberId}")
    @Operation(summary = "Remove a member (admin)", description = "A key may not remove a member whose role is above its own.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "The key's role is below admin or below the member's role")
    @APIResponse(responseCode = "404", description = "No such member or team, or another team's")
    public Uni<RestResponse<Void>> delete(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Parameter(example = "mem_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("memberId") String memberId) {
        Grant grant = gate.enter(Action.MEMBER_DELETE, teamId, memberId, TeamService.notFoundDetail(teamId));
        if (!RequestParams.isPlausibleId(teamId) || !RequestParams.isPlausibleId(memberId)) {
            return Uni.createFrom().failure(MemberService.notFound(memberId));
        }
        return service.delete(grant, teamId, memberId).replaceWith(RestResponse.noContent());
    }

    /** The requested role, already validated by the body's constraints. */
    private static Role role(String wire) {
        return Role.parse(wire).orElseThrow(() -> ApiException.invalid("role", "must be one of owner, admin, member, viewer"));
    }
}
