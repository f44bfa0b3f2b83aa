package kr.codeb.control.team;

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
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.Page;
import kr.codeb.control.common.web.PageRequest;
import kr.codeb.control.common.web.PathParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Teams (SPEC §5 "Teams and people"). */
@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamResource {

    private final Access access;
    private final TeamRepository teams;
    private final Db db;
    private final AuditContext auditContext;
    private final AuditLog auditLog;

    TeamResource(Access access, TeamRepository teams, Db db, AuditContext auditContext, AuditLog auditLog) {
        this.access = access;
        this.teams = teams;
        this.db = db;
        this.auditContext = auditContext;
        this.auditLog = auditLog;
    }

    @GET
    @Operation(summary = "List teams", description = "A team key sees its own team; a system key sees every team.")
    public Uni<Page<Team>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = access.require(Action.TEAM_LIST);
        PageRequest page = PageRequest.parse(limit, cursor, 1);
        return teams.list(caller.system() ? null : caller.teamId(), page.after().map(p -> p.get(0)).orElse(null), page.fetchSize())
                .map(rows -> Page.of(rows, page.limit(), t -> Cursor.encode(t.id())));
    }

    @POST
    @Operation(summary = "Create a team (system keys only)")
    @APIResponse(responseCode = "201", description = "Created; Location names the team")
    @APIResponse(responseCode = "409", description = "The id or slug is taken")
    public Uni<RestResponse<Team>> create(@Valid @NotNull NewTeam body) {
        access.require(Action.TEAM_CREATE);
        String id = body.id() == null ? Ids.newId("team") : body.id();
        auditContext.teamId(id).resourceId(id).params(body);
        return db.inTransaction(conn -> teams.insert(conn, id, body).call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(PgException.class).transform(e -> duplicate((PgException) e, id, body.slug()))
                .map(team -> RestResponse.ResponseBuilder.<Team>created(URI.create("/api/v1/teams/" + team.id()))
                        .entity(team).build());
    }

    @GET
    @Path("{teamId}")
    @Operation(summary = "Read a team (viewer)")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<Team> get(@Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId) {
        access.require(Action.TEAM_READ, teamId, notFound(teamId));
        if (!PathParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound(notFound(teamId)));
        }
        return teams.find(teamId).onItem().ifNull().failWith(() -> ApiException.notFound(notFound(teamId)));
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
        access.require(Action.TEAM_UPDATE, teamId, notFound(teamId));
        auditContext.resourceId(teamId).params(body);
        if (!PathParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound(notFound(teamId)));
        }
        return db.inTransaction(conn -> teams.update(conn, teamId, body)
                        .onItem().ifNull().failWith(() -> ApiException.notFound(notFound(teamId)))
                        .call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(PgException.class).transform(e -> duplicate((PgException) e, teamId, body.slug()));
    }

    @DELETE
    @Path("{teamId}")
    @Operation(summary = "Delete a team with its members, keys and projects (owner)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The key's role is below owner")
    @APIResponse(responseCode = "404", description = "No such team, or another team's")
    public Uni<RestResponse<Void>> delete(
            @Parameter(example = "team_01jd3x7k2m9q8r4t6v5w0y1z2a") @PathParam("teamId") String teamId) {
        access.require(Action.TEAM_DELETE, teamId, notFound(teamId));
        auditContext.resourceId(teamId);
        if (!PathParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(ApiException.notFound(notFound(teamId)));
        }
        return db.inTransaction(conn -> teams.delete(conn, teamId)
                        .chain(deleted -> deleted ? auditLog.recordInTransaction(conn)
                                : Uni.createFrom().failure(ApiException.notFound(notFound(teamId)))))
                .replaceWith(RestResponse.noContent());
    }

    /** The 404 detail for a team that does not exist or is not the caller's. */
    public static String notFound(String teamId) {
        return "No team " + PathParams.shown(teamId);
    }

    private static Throwable duplicate(PgException e, String id, String slug) {
        if ("23505".equals(e.getSqlState())) {
            return e.getConstraint() != null && e.getConstraint().contains("slug")
                    ? ApiException.conflict("The slug '" + slug + "' is already taken")
                    : ApiException.conflict("A team with id '" + id + "' already exists");
        }
        return e;
    }
}
