package kr.codeb.control.project;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.team.TeamService;

/**
 * Project changes, each one audited transaction. Names are global: a name held by another team is a 409 that does not
 * say which team. A deletion is announced ({@link ProjectDeleted}) once committed.
 */
@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final Audited audited;
    private final Event<ProjectDeleted> deleted;

    ProjectService(ProjectRepository projects, Audited audited, Event<ProjectDeleted> deleted) {
        this.projects = projects;
        this.audited = audited;
        this.deleted = deleted;
    }

    public Uni<Project> create(Grant grant, String teamId, String name, NewProject body) {
        return audited.change(grant, name, body, tx -> projects.insert(tx.conn(), name, teamId, body.values())
                        .onItem().ifNull().switchTo(() -> projects.teamOf(tx.conn(), name)
                                .chain(holder -> Uni.createFrom().failure(taken(name, teamId.equals(holder))))))
                .onFailure(ProjectService::isMissingTeam).transform(e -> TeamService.notFound(teamId));
    }

    /** Creates or replaces; the answer says which. */
    public Uni<ProjectRepository.Upserted> replace(Grant grant, String teamId, String name, ProjectReplacement body) {
        return audited.change(grant, name, body, tx -> projects.upsert(tx.conn(), name, teamId, body.values())
                        .onItem().ifNull().failWith(() -> taken(name, false)))
                .onFailure(ProjectService::isMissingTeam).transform(e -> TeamService.notFound(teamId));
    }

    public Uni<Project> update(Grant grant, String name, ProjectPatch body) {
        return audited.change(grant, name, body, tx -> projects.update(tx.conn(), name, grant.teamId(), body.values())
                .onItem().ifNull().failWith(() -> ProjectAccess.notFound(name)));
    }

    public Uni<Void> delete(Grant grant, String name) {
        return audited.change(grant, name, null, tx -> projects.delete(tx.conn(), name, grant.teamId()).invoke(gone -> {
            if (!gone) {
                throw ProjectAccess.notFound(name);
            }
            tx.afterCommit(() -> deleted.fire(new ProjectDeleted(grant.teamId(), name)));
        })).replaceWithVoid();
    }

    private static boolean isMissingTeam(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    private static ApiException taken(String name, boolean ownTeam) {
        return ownTeam
                ? ApiException.conflict("The project '" + name + "' already exists in this team; PUT replaces it")
                : ApiException.conflict("The project name '" + name + "' is taken");
    }
}
