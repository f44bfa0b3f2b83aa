package kr.codeb.control.member;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
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
import java.util.Locale;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.Ids;
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
 * Team members (SPEC §5 "Teams and people"). A key never gives a role above its own, and never changes or
 * removes a member whose role is above its own (so an admin cannot touch an owner).
 */
@Path("/api/v1/teams/{teamId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class MemberResource {

    private final Access access;
    private final MemberRepository members;
    private final TeamRepository teams;
    private final Db db;
    private final AuditContext auditContext;
    private final AuditLog auditLog;

    MemberResource(Access access, MemberRepository members, TeamRepository teams, Db db, AuditContext auditContext,
            AuditLog auditLog) {
        this.access = access;
        this.members = members;
        this.teams = teams;
        this.db = db;
        this.auditContext = auditContext;
        this.auditLog = auditLog;
    }

    @GET
    @Operation(summary = "List a team's members (viewer)", description = "In id order, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "One page of members")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<Page<Member>> list(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Caller caller = access.require(Action.MEMBER_LIST, teamId, TeamResource.notFound(teamId));
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return teamMustExist(caller, teamId)
                .chain(() -> members.list(teamId, page.after().map(p -> p.get(0)).orElse(null), page.fetchSize()))
                .map(rows -> Page.of(rows, page.limit(), m -> Cursor.encode(m.id())));
    }

    @POST
    @Operation(summary = "Add a member (admin)", description = "The role may not be above the calling key's own role.")
    @APIResponse(responseCode = "201", description = "Created; Location names the member")
    @APIResponse(responseCode = "400", description = "A field is invalid (see errors)")
    @APIResponse(responseCode = "403", description = "The key's role is below admin, or below the requested role")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    @APIResponse(responseCode = "409", description = "The team already has a member with this email")
    public Uni<RestResponse<Member>> create(
            @Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Valid @NotNull NewMember body) {
        Caller caller = access.require(Action.MEMBER_CREATE, teamId, TeamResource.notFound(teamId));
        auditContext.params(body);
        Role role = requireGrantable(caller, body.role());
        if (!PathParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound(TeamResource.notFound(teamId)));
        }
        String id = Ids.newId("mem");
        auditContext.resourceId(id);
        String email = body.email().trim().toLowerCase(Locale.ROOT);
        return db.inTransaction(conn -> members.insert(conn, id, teamId, email, blankToNull(body.name()), role.wire(), caller.name())
                        .onItem().ifNull().failWith(() -> ApiException.conflict("The team already has a member with the email '"
                                + email + "'"))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState()))
                .transform(e -> ApiException.notFound(TeamResource.notFound(teamId)))
                .map(member -> RestResponse.ResponseBuilder.<Member>created(
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
        Caller caller = access.require(Action.MEMBER_UPDATE, teamId, TeamResource.notFound(teamId));
        auditContext.resourceId(memberId).params(body);
        Role role = body.role() == null ? null : requireGrantable(caller, body.role());
        if (!PathParams.isPlausibleId(teamId) || !PathParams.isPlausibleId(memberId)) {
            return Uni.createFrom().failure(notFound(memberId));
        }
        return db.inTransaction(conn -> members.lock(conn, teamId, memberId)
                .onItem().ifNull().failWith(() -> notFound(memberId))
                .invoke(member -> requireAtMost(caller, member, "change"))
                .chain(member -> members.update(conn, teamId, memberId, body.name() != null,
                        blankToNull(body.name()), role == null ? null : role.wire()))
                .call(() -> auditLog.recordInTransaction(conn)));
    }

    @DELETE
    @Path("{memberId}")
    @Operation(summary = "Remove a member (admin)", description = "A key may not remove a member whose role is above its own.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "The key's role is below admin or below the member's role")
    @APIResponse(responseCode = "404", description = "No such member or team, or another team's")
    public Uni<RestResponse<Void>> delete(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId,
            @Parameter(example = "mem_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("memberId") String memberId) {
        Caller caller = access.require(Action.MEMBER_DELETE, teamId, TeamResource.notFound(teamId));
        auditContext.resourceId(memberId);
        if (!PathParams.isPlausibleId(teamId) || !PathParams.isPlausibleId(memberId)) {
            return Uni.createFrom().failure(notFound(memberId));
        }
        return db.inTransaction(conn -> members.lock(conn, teamId, memberId)
                        .onItem().ifNull().failWith(() -> notFound(memberId))
                        .invoke(member -> requireAtMost(caller, member, "remove"))
                        .chain(member -> members.delete(conn, teamId, memberId))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .replaceWith(RestResponse.noContent());
    }

    /** For a system key (which sees every team) an unknown team is a 404; a team key's own team exists. */
    private Uni<Void> teamMustExist(Caller caller, String teamId) {
        if (!PathParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound(TeamResource.notFound(teamId)));
        }
        if (!caller.system()) {
            return Uni.createFrom().voidItem();
        }
        return teams.exists(teamId).chain(exists -> exists ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ApiException.notFound(TeamResource.notFound(teamId))));
    }

    /** The requested role (already validated by the body's constraints), or 403 when it is above the caller's own. */
    private static Role requireGrantable(Caller caller, String wire) {
        Role role = Role.parse(wire).orElseThrow(() -> ApiException.invalid("role", "must be one of owner, admin, member, viewer"));
        if (!caller.role().includes(role)) {
            throw ApiException.forbidden("A " + caller.role().wire() + " key may not give the role " + role.wire()
                    + ", which is above its own");
        }
        return role;
    }

    private static void requireAtMost(Caller caller, Member member, String verb) {
        Role current = Role.parse(member.role()).orElse(Role.OWNER);
        if (!caller.role().includes(current)) {
            throw ApiException.forbidden("A " + caller.role().wire() + " key may not " + verb + " a member whose role ("
                    + current.wire() + ") is above its own");
        }
    }

    private static ApiException notFound(String memberId) {
        return ApiException.notFound("No member " + PathParams.shown(memberId) + " in this team");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
