package kr.codeb.control.team;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    private final AuditContext audit;
    private final AuditLog auditLog;

    TeamResource(Access access, TeamRepository teams, Db db, AuditContext audit, AuditLog auditLog) {
        this.access = access;
        this.teams = teams;
        this.db = db;
        this.audit = audit;
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
    public Uni<RestResponse<Team>> create(@Valid @NotNull NewTeam body) {
        access.require(Action.TEAM_CREATE);
        String id = body.id() == null ? Ids.newId("team") : body.id();
        audit.resourceId(id).teamId(id).params(body);
        return db.inTransaction(conn -> teams.insert(conn, id, body).call(() -> auditLog.recordInTransaction(conn)))
                .onFailure(PgException.class).transform(e -> duplicate((PgException) e, id, body.slug()))
                .map(team -> RestResponse.ResponseBuilder.<Team>created(URI.create("/api/v1/teams/" + team.id()))
                        .entity(team).build());
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
