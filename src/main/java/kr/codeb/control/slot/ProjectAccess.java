package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.AuditContext;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.Action;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.problem.ApiException;

/** Authorises an action on a project by name: unknown or another team's project is 404, then the role rule. */
@ApplicationScoped
public class ProjectAccess {

    /** The authorised caller and the team that owns the project. */
    public record Granted(Caller caller, String teamId) {
    }

    private final SlotRepository slots;
    private final Access access;
    private final AuditContext audit;

    ProjectAccess(SlotRepository slots, Access access, AuditContext audit) {
        this.slots = slots;
        this.access = access;
        this.audit = audit;
    }

    public Uni<Granted> require(Action action, String project) {
        audit.action(action);
        audit.resourceId(project);
        if (project == null || project.length() > 100) {
            return Uni.createFrom().failure(ApiException.notFound("No such project"));
        }
        return slots.teamOf(project).map(team -> {
            String teamId = team.orElseThrow(() -> ApiException.notFound("No such project"));
            return new Granted(access.require(action, teamId, "No such project"), teamId);
        });
    }
}
