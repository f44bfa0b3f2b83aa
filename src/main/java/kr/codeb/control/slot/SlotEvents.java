package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.Deployment;
import kr.codeb.control.env.EnvService;

/**
 * Hooks around slot transitions that other features fill in: restoring a deployment's environment
 * variables during a rollback.
 */
@ApplicationScoped
public class SlotEvents {

    private final EnvService envs;

    SlotEvents(EnvService envs) {
        this.envs = envs;
    }

    /**
     * Restores, inside the rollback's transaction, the env-var version {@code restored} was deployed with: a new
     * version with that content. 409 (and so no rollback at all) when the deployment recorded none.
     */
    public Uni<Void> restoreVariables(SqlConnection conn, Caller caller, String project, String env, Deployment restored,
            Map<String, Object> auditParams) {
        if (restored == null || restored.envVersion() == null) {
            return Uni.createFrom().failure(ApiException.conflict("Cannot restore variables: the deployment recorded no env-var version"
                    + (restored == null ? "" : " (" + restored.id() + " was created before any variables were set)")
                    + "; roll back without restoreVariables"));
        }
        int version = restored.envVersion();
        return envs.restore(conn, caller, project, env, version).invoke(newVersion -> {
            auditParams.put("restoredEnvVersion", version);
            auditParams.put("newEnvVersion", newVersion);
        }).replaceWithVoid();
    }
}
