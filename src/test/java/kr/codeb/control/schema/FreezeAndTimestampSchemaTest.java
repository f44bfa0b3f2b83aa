package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;


/** The schema's integrity rules for environment freezes and the updated_at trigger (see {@link SchemaTestBase}). */
@QuarkusTest
class FreezeAndTimestampSchemaTest extends SchemaTestBase {

    // ---------------------------------------------------------------- environment freezes

    @Test
    void freezeOfAnUnknownEnvironmentIsRejected() {
        assertViolates(CHECK, "ck_environment_freezes_environment",
                "INSERT INTO environment_freezes (project_name, environment, message) VALUES ($1, $2, 'm')", project, "dev");
    }

    @Test
    void secondFreezeOfTheSameEnvironmentIsRejected() {
        String freeze = "INSERT INTO environment_freezes (project_name, environment, message, frozen_by) "
                + "VALUES ($1, 'production', $2, 'admin@example.com')";
        exec(freeze, project, "release freeze");
        assertViolates(UNIQUE, "environment_freezes_pkey", freeze, project, "again");
    }

    @Test
    void freezeWithAnEndIsAccepted() {
        Row row = one("INSERT INTO environment_freezes (project_name, environment, message, until) "
                + "VALUES ($1, 'staging', 'holiday', NOW() + INTERVAL '1 day') RETURNING since <= until AS ordered", project);
        assertTrue(row.getBoolean("ordered"));
    }

    // ---------------------------------------------------------------- updated_at trigger

    private static final String LONG_AGO = "TIMESTAMPTZ '2001-01-01 00:00:00Z'";
    private static final String REFRESHED = " RETURNING updated_at > NOW() - INTERVAL '1 hour' AS refreshed";

    @Test
    void updatingATeamRefreshesUpdatedAt() {
        String id = "tsc" + suffix();
        exec("INSERT INTO teams (id, name, slug, owner, updated_at) VALUES ($1, $1, $1, 'o@example.com', " + LONG_AGO + ")", id);
        assertRefreshed("UPDATE teams SET name = 'renamed' WHERE id = $1" + REFRESHED, id);
    }

    @Test
    void updatingAProjectRefreshesUpdatedAt() {
        String name = "schema-" + suffix();
        exec("INSERT INTO projects (name, team_id, updated_at) VALUES ($1, $2, " + LONG_AGO + ")", name, team);
        assertRefreshed("UPDATE projects SET type = 'remix' WHERE name = $1" + REFRESHED, name);
    }

    @Test
    void updatingASlotRefreshesUpdatedAt() {
        exec("INSERT INTO project_slots (project_name, environment, updated_at) VALUES ($1, 'production', " + LONG_AGO + ")",
                project);
        assertRefreshed("UPDATE project_slots SET blue_health_status = 'healthy' WHERE project_name = $1" + REFRESHED, project);
    }

    @Test
    void updatingADomainRefreshesUpdatedAt() {
        String name = domain();
        exec("INSERT INTO domains (domain, project_name, updated_at) VALUES ($1, $2, " + LONG_AGO + ")", name, project);
        assertRefreshed("UPDATE domains SET status = 'active' WHERE domain = $1" + REFRESHED, name);
    }

    @Test
    void updatingEnvVariablesRefreshesUpdatedAt() {
        exec("INSERT INTO project_envs (project_name, environment, updated_at) VALUES ($1, 'production', " + LONG_AGO + ")",
                project);
        assertRefreshed("UPDATE project_envs SET version = version + 1 WHERE project_name = $1" + REFRESHED, project);
    }

    @Test
    void updatingAWorkTaskRefreshesUpdatedAt() {
        Row row = one("INSERT INTO work_tasks (team_id, project_name, title, author, updated_at) "
                + "VALUES ($1, $2, 't', 'a', " + LONG_AGO + ") RETURNING id", team, project);
        assertRefreshed("UPDATE work_tasks SET status = 'in-progress' WHERE id = $1" + REFRESHED, row.getInteger("id"));
    }

    @Test
    void anExplicitStaleUpdatedAtIsOverwritten() {
        assertRefreshed("UPDATE projects SET updated_at = " + LONG_AGO + " WHERE name = $1" + REFRESHED, project);
    }
}
