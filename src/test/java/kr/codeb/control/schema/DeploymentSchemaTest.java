package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The schema's integrity rules for deployments and audit rows (see {@link SchemaTestBase}). */
@QuarkusTest
class DeploymentSchemaTest extends SchemaTestBase {

    // ---------------------------------------------------------------- deployments and audit

    @Test
    void deploymentStatusOutsideTheLifecycleIsRejected() {
        assertViolates(CHECK, "ck_deployments_status",
                "INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', 'blue', $3)",
                "dep_" + suffix(), project, "done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "running", "success", "failed", "cancelled", "expired"})
    void deploymentWithAKnownStatusIsAccepted(String status) {
        exec("INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', 'green', $3)",
                "dep_" + suffix(), project, status);
    }

    @Test
    void onlyADeploymentThatNeverStartedHasNoSlot() {
        assertViolates(CHECK, "ck_deployments_slot_taken",
                "INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', NULL, $3)",
                "dep_" + suffix(), project, "pending");
        exec("INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', NULL, $3)",
                "dep_" + suffix(), project, "expired");
    }

    @Test
    void aQueuedDeploymentHasNoSlotAWaitAndAPlace() {
        assertViolates(CHECK, "ck_deployments_queued", "INSERT INTO deployments (id, project_name, environment, slot, status, wait_until,"
                + " queue_seq) VALUES ($1, $2, 'production', 'blue', 'queued', NOW(), 1)", "dep_" + suffix(), project);
        assertViolates(CHECK, "ck_deployments_queued", "INSERT INTO deployments (id, project_name, environment, status, queue_seq)"
                + " VALUES ($1, $2, 'production', 'queued', 1)", "dep_" + suffix(), project);
        exec("INSERT INTO deployments (id, project_name, environment, status, wait_until, queue_seq)"
                + " VALUES ($1, $2, 'production', 'queued', NOW(), nextval('deployment_queue_seq'))", "dep_" + suffix(), project);
    }

    @Test
    void deploymentSlotOtherThanBlueOrGreenIsRejected() {
        assertViolates(CHECK, "ck_deployments_slot",
                "INSERT INTO deployments (id, project_name, environment, slot) VALUES ($1, $2, 'production', $3)",
                "dep_" + suffix(), project, "purple");
    }

    @Test
    void deploymentEnvironmentOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_deployments_environment",
                "INSERT INTO deployments (id, project_name, environment, slot) VALUES ($1, $2, $3, 'blue')",
                "dep_" + suffix(), project, "dev");
    }

    @Test
    void negativeDeploymentDurationIsRejected() {
        assertViolates(CHECK, "ck_deployments_duration",
                "INSERT INTO deployments (id, project_name, environment, slot, duration) VALUES ($1, $2, 'production', 'blue', $3)",
                "dep_" + suffix(), project, -1);
    }

    @Test
    void deploymentRemembersItsEnvVersion() {
        Row row = one("INSERT INTO deployments (id, project_name, environment, slot, env_version) "
                        + "VALUES ($1, $2, 'preview', 'blue', $3) RETURNING status, env_version",
                "dep_" + suffix(), project, 7);
        assertEquals("pending", row.getString("status"));
        assertEquals(7, row.getInteger("env_version"));
    }

    @Test
    void negativeAuditDurationIsRejected() {
        assertViolates(CHECK, "ck_audit_logs_duration",
                "INSERT INTO audit_logs (id, team_id, action, duration) VALUES ($1, $2, 'team.read', $3)",
                "aud_" + suffix(), team, -5);
    }
}
