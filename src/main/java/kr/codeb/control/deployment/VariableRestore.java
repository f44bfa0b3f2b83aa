package kr.codeb.control.deployment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.env.EnvService;

/** Brings back, inside a rollback's transaction, the env-var version a deployment was created with. */
@ApplicationScoped
public class VariableRestore {

    private final EnvService envs;

    VariableRestore(EnvService envs) {
        this.envs = envs;
    }

    /**
     * Writes a new env version with the content {@code restored} recorded; answers what the audit row (and the rollback's
     * {@code variables.changed} event) adds: the versions and the names whose value changed. 409 (and so
     * no rollback at all) when the deployment recorded none.
     */
    public Uni<Map<String, Object>> restore(SqlConnection conn, String by, String project, String env, Deployment restored) {
        if (restored == null || restored.envVersion() == null) {
            return Uni.createFrom().failure(ApiException.conflict("Cannot restore variables: the deployment recorded no env-var version"
                    + (restored == null ? "" : " (" + restored.id() + " was created before any variables were set)")
                    + "; roll back without restoreVariables"));
        }
        int version = restored.envVersion();
        return envs.restore(conn, by, project, env, version)
                .map(written -> Map.of("restoredEnvVersion", version, "newEnvVersion", written.version(), "variableNames",
                        written.changedNames()));
    }
}
