package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The schema's integrity rules for projects and their blue-green slots (see {@link SchemaTestBase}). */
@QuarkusTest
class ProjectAndSlotSchemaTest extends SchemaTestBase {

    // ---------------------------------------------------------------- projects

    @Test
    void projectTypeOutsideTheSupportedRuntimesIsRejected() {
        assertViolates(CHECK, "ck_projects_type",
                "INSERT INTO projects (name, team_id, type) VALUES ($1, $2, $3)", "schema-" + suffix(), team, "php");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nextjs", "remix", "nodejs", "python", "go"})
    void projectWithASupportedTypeIsAccepted(String type) {
        exec("INSERT INTO projects (name, team_id, type) VALUES ($1, $2, $3)", "schema-" + suffix(), team, type);
    }

    @Test
    void projectPortOutsideTheTcpRangeIsRejected() {
        assertViolates(CHECK, "ck_projects_database_port",
                "INSERT INTO projects (name, team_id, database_port) VALUES ($1, $2, $3)", "schema-" + suffix(), team, 0);
        assertViolates(CHECK, "ck_projects_redis_port",
                "INSERT INTO projects (name, team_id, redis_port) VALUES ($1, $2, $3)", "schema-" + suffix(), team, 65536);
    }

    @Test
    void projectWithPortsAtTheEdgesOfTheTcpRangeIsAccepted() {
        exec("INSERT INTO projects (name, team_id, database_port, redis_port, redis_db) VALUES ($1, $2, 1, 65535, 0)",
                "schema-" + suffix(), team);
    }

    // ---------------------------------------------------------------- blue-green slots

    @Test
    void freshSlotRowSatisfiesEveryCheck() {
        Row row = one("INSERT INTO project_slots (project_name, environment) VALUES ($1, 'production') "
                + "RETURNING active_slot, blue_state, green_state, blue_health_status, grace_expires_at IS NULL AS no_grace",
                project);
        assertEquals("blue", row.getString("active_slot"));
        assertEquals("empty", row.getString("blue_state"));
        assertEquals("empty", row.getString("green_state"));
        assertEquals("unknown", row.getString("blue_health_status"));
        assertTrue(row.getBoolean("no_grace"));
    }

    @Test
    void slotEnvironmentOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_project_slots_environment",
                "INSERT INTO project_slots (project_name, environment) VALUES ($1, $2)", project, "prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging", "preview"})
    void slotInAKnownEnvironmentIsAccepted(String environment) {
        exec("INSERT INTO project_slots (project_name, environment) VALUES ($1, $2)", project, environment);
    }

    @Test
    void slotStateOutsideTheLifecycleIsRejected() {
        assertViolates(CHECK, "ck_project_slots_blue_state",
                "INSERT INTO project_slots (project_name, environment, blue_state) VALUES ($1, 'production', $2)",
                project, "running");
        assertViolates(CHECK, "ck_project_slots_green_state",
                "INSERT INTO project_slots (project_name, environment, green_state) VALUES ($1, 'production', $2)",
                project, "stopped");
    }

    @Test
    void slotStateCannotBeNull() {
        assertNotNullViolation("blue_state",
                "INSERT INTO project_slots (project_name, environment, blue_state) VALUES ($1, 'production', $2)",
                project, null);
    }

    @Test
    void slotHealthStatusOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_project_slots_green_health_status",
                "INSERT INTO project_slots (project_name, environment, green_health_status) VALUES ($1, 'production', $2)",
                project, "ok");
    }

    @Test
    void activeSlotOtherThanBlueOrGreenIsRejected() {
        assertViolates(CHECK, "ck_project_slots_active_slot",
                "INSERT INTO project_slots (project_name, environment, active_slot) VALUES ($1, 'production', $2)",
                project, "red");
    }

    @Test
    void slotPortOutsideTheTcpRangeIsRejected() {
        assertViolates(CHECK, "ck_project_slots_blue_port",
                "INSERT INTO project_slots (project_name, environment, blue_port) VALUES ($1, 'production', $2)",
                project, 70000);
    }

    @Test
    void twoActiveSlotsAreRejected() {
        PgException e = rejected(insertSlot(false), project, "blue", "active", "active");
        assertEquals(CHECK, e.getSqlState(), e::getMessage);
        // both rules forbid it; which one PostgreSQL names first is not part of the contract
        assertTrue(Set.of("ck_project_slots_single_active", "ck_project_slots_active_slot_is_active")
                .contains(e.getConstraint()), e::getMessage);
    }

    @Test
    void twoGraceSlotsAreRejected() {
        assertViolates(CHECK, "ck_project_slots_single_grace", insertSlot(true), project, "blue", "grace", "grace");
    }

    @Test
    void activeSlotPointingAtTheNonActiveSideIsRejected() {
        assertViolates(CHECK, "ck_project_slots_active_slot_is_active", insertSlot(false), project, "green", "active", "deployed");
    }

    @Test
    void graceSlotWithoutExpiryIsRejected() {
        assertViolates(CHECK, "ck_project_slots_grace_expiry", insertSlot(false), project, "green", "grace", "active");
    }

    @Test
    void graceExpiryWithoutAGraceSlotIsRejected() {
        assertViolates(CHECK, "ck_project_slots_grace_expiry", insertSlot(true), project, "blue", "active", "deployed");
    }

    @Test
    void deployPromoteRollbackPromoteAndSweepAreAccepted() {
        exec("INSERT INTO project_slots (project_name, environment) VALUES ($1, 'staging')", project);
        String where = " WHERE project_name = $1 AND environment = 'staging'";
        exec("UPDATE project_slots SET blue_state = 'deployed', blue_port = 4100" + where, project);
        exec("UPDATE project_slots SET blue_state = 'active', active_slot = 'blue'" + where, project);
        exec("UPDATE project_slots SET green_state = 'deployed', green_port = 4101" + where, project);
        exec("UPDATE project_slots SET green_state = 'active', blue_state = 'grace', active_slot = 'green', "
                + "grace_expires_at = NOW() + INTERVAL '48 hours'" + where, project);
        exec("UPDATE project_slots SET blue_state = 'active', green_state = 'deployed', active_slot = 'blue', "
                + "grace_expires_at = NULL" + where, project);
        exec("UPDATE project_slots SET green_state = 'active', blue_state = 'grace', active_slot = 'green', "
                + "grace_expires_at = NOW()" + where, project);
        Row row = one("UPDATE project_slots SET blue_state = 'empty', grace_expires_at = NULL" + where
                + " RETURNING active_slot, blue_state, green_state", project);
        assertEquals("green", row.getString("active_slot"));
        assertEquals("empty", row.getString("blue_state"));
        assertEquals("active", row.getString("green_state"));
    }
}
