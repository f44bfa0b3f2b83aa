package kr.codeb.control.slot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import kr.codeb.control.auth.Caller;
import kr.codeb.control.deployment.Deployment;

/**
 * Hooks around slot transitions that other features fill in: restoring a deployment's environment
 * variables during a rollback.
 */
@ApplicationScoped
public class SlotEvents {

    /** Restores, inside the rollback's transaction, the env-var version {@code restored} was deployed with. */
    public Uni<Void> restoreVariables(SqlConnection conn, Caller caller, String project, String env, Deployment restored,
            Map<String, Object> auditParams) {
        return Uni.createFrom().voidItem();
    }
}
