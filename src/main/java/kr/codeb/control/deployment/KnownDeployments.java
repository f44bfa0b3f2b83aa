package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.auth.Action;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.project.ProjectAccess;

/** The gate of {@code /deployments/{id}}: an unknown or another team's deployment is 404, then its project's rules apply. */
@ApplicationScoped
public class KnownDeployments {

    /** A deployment the caller may act on, with the grant on its project. */
    public record Known(Deployment deployment, ProjectAccess.Granted granted) {
    }

    private final DeploymentRepository deployments;
    private final ProjectAccess projects;
    private final Db db;

    KnownDeployments(DeploymentRepository deployments, ProjectAccess projects, Db db) {
        this.deployments = deployments;
        this.projects = projects;
        this.db = db;
    }

    public Uni<Known> require(String id, Action action) {
        return projects.owned(action, id, d -> deployments.find(db.pool(), d), Deployment::projectName, "No such deployment")
                .map(o -> new Known(o.value(), o.granted()));
    }
}
