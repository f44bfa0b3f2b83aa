package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Gate;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.common.web.RequestParams;
import kr.codeb.control.project.ProjectAccess;

/** The gate of {@code /deployments/{id}}: an unknown or another team's deployment is 404, then its project's rules apply. */
@ApplicationScoped
public class KnownDeployments {

    /** A deployment the caller may act on, with the grant on its project. */
    public record Known(Deployment deployment, ProjectAccess.Granted granted) {
    }

    private final DeploymentRepository deployments;
    private final ProjectAccess projects;
    private final Gate gate;
    private final Db db;

    KnownDeployments(DeploymentRepository deployments, ProjectAccess projects, Gate gate, Db db) {
        this.deployments = deployments;
        this.projects = projects;
        this.gate = gate;
        this.db = db;
    }

    public Uni<Known> require(String id, Action action) {
        if (!RequestParams.isPlausibleId(id)) {
            gate.note(action, null, id);
            return Uni.createFrom().failure(notFound());
        }
        return deployments.find(db.pool(), id).chain(d -> {
            if (d == null) {
                gate.note(action, null, id);
                return Uni.createFrom().failure(notFound());
            }
            return projects.require(action, d.projectName())
                    .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404 ? notFound() : e)
                    .map(g -> {
                        gate.note(action, g.teamId(), id);
                        return new Known(d, g);
                    });
        });
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such deployment");
    }
}
