package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import java.util.Optional;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.db.DbFailures;
import kr.codeb.control.project.ProjectRepository;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.registry.Degraded;
import kr.codeb.control.registry.SlotRegistry;

/** Authorises an action on a project by name: unknown or another team's project is 404, then the role rule. */
@ApplicationScoped
public class ProjectAccess {

    /** The authorised caller and the team that owns the project. */
    public record Granted(Caller caller, String teamId) {
    }

    private final ProjectRepository projects;
    private final Db db;
    private final Access access;
    private final AuditContext audit;
    private final SlotRegistry registry;
    private final Degraded degraded;

    ProjectAccess(ProjectRepository projects, Db db, Access access, AuditContext audit, SlotRegistry registry, Degraded degraded) {
        this.projects = projects;
        this.db = db;
        this.access = access;
        this.audit = audit;
        this.registry = registry;
        this.degraded = degraded;
    }

    public Uni<Granted> require(Action action, String project) {
        audit.action(action);
        audit.resourceId(project);
        if (project == null || project.length() > 100) {
            return Uni.createFrom().failure(ApiException.notFound("No such project"));
        }
        return projects.teamOf(db.pool(), project).map(Optional::ofNullable)
                // database down: the file registry knows which team owns a project that has slots
                .onFailure(DbFailures::isUnreachable).recoverWithUni(e -> registry.teamOf(project)
                        .map(team -> {
                            degraded.mark();
                            return Uni.createFrom().item(Optional.of(team));
                        })
                        .orElseGet(() -> Uni.createFrom().failure(e)))
                .map(team -> {
            String teamId = team.orElseThrow(() -> ApiException.notFound("No such project"));
            return new Granted(access.require(action, teamId, "No such project"), teamId);
        });
    }
}
