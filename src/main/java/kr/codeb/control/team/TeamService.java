package kr.codeb.control.team;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;

/** Team changes, each one audited transaction; and the existence check every team-scoped route makes for system keys. */
@ApplicationScoped
public class TeamService {

    private final TeamRepository teams;
    private final Audited audited;

    TeamService(TeamRepository teams, Audited audited) {
        this.teams = teams;
        this.audited = audited;
    }

    public Uni<Team> create(Grant grant, NewTeam body) {
        String id = body.id() == null ? Ids.newId("team") : body.id();
        return audited.change(grant.forTeam(id), id, body, tx -> teams.insert(tx.conn(), id, body))
                .onFailure(PgException.class).transform(e -> duplicate((PgException) e, id, body.slug()));
    }

    public Uni<Team> update(Grant grant, String teamId, TeamPatch body) {
        return audited.change(grant, teamId, body, tx -> teams.update(tx.conn(), teamId, body)
                        .onItem().ifNull().failWith(() -> notFound(teamId)))
                .onFailure(PgException.class).transform(e -> duplicate((PgException) e, teamId, body.slug()));
    }

    public Uni<Void> delete(Grant grant, String teamId) {
        return audited.change(grant, teamId, null, tx -> teams.delete(tx.conn(), teamId).invoke(deleted -> {
            if (!deleted) {
                throw notFound(teamId);
            }
        })).replaceWithVoid();
    }

    /**
     * 404 unless {@code teamId} is a team the caller can address: a team key's own team exists; for a system key, which
     * sees every team, an unknown one is a 404.
     */
    public Uni<Void> requireExisting(Grant grant, String teamId) {
        if (!RequestParams.isPlausibleId(teamId)) {
            return Uni.createFrom().failure(notFound(teamId));
        }
        if (!grant.caller().system()) {
            return Uni.createFrom().voidItem();
        }
        return teams.exists(teamId).invoke(exists -> {
            if (!exists) {
                throw notFound(teamId);
            }
        }).replaceWithVoid();
    }

    /** The 404 of a team that does not exist or is not the caller's. */
    public static ApiException notFound(String teamId) {
        return ApiException.notFound(notFoundDetail(teamId));
    }

    public static String notFoundDetail(String teamId) {
        return "No team " + RequestParams.shown(teamId);
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
