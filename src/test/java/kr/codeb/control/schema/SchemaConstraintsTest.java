package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the integrity rules of the Flyway migrations (V1-V4) against the real database: each rule
 * rejects a bad row with the right SQLSTATE and constraint, and accepts a good one. The database is
 * shared with the rest of the test run, so every row is made unique by a random suffix and nothing is
 * cleaned up globally.
 */
@QuarkusTest
class SchemaConstraintsTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String NOT_NULL = "23502";

    @Inject
    Pool pool;

    private String team;
    private String project;

    @BeforeEach
    void createTeamAndProject() {
        team = newTeam();
        project = newProject(team);
    }

    // ---------------------------------------------------------------- teams, members, API keys

    @Test
    void teamPlanOutsideTheCatalogueIsRejected() {
        String id = "tsc" + suffix();
        assertViolates(CHECK, "ck_teams_plan",
                "INSERT INTO teams (id, name, slug, owner, plan) VALUES ($1, $1, $1, 'o@example.com', $2)", id, "gold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"free", "pro", "enterprise"})
    void teamWithAKnownPlanIsAccepted(String plan) {
        String id = "tsc" + suffix();
        exec("INSERT INTO teams (id, name, slug, owner, plan) VALUES ($1, $1, $1, 'o@example.com', $2)", id, plan);
    }

    @Test
    void teamPlanCannotBeNull() {
        String id = "tsc" + suffix();
        assertNotNullViolation("plan",
                "INSERT INTO teams (id, name, slug, owner, plan) VALUES ($1, $1, $1, 'o@example.com', $2)", id, null);
    }

    @Test
    void teamWithoutPlanAndSettingsGetsTheDefaults() {
        String id = "tsc" + suffix();
        Row row = one("INSERT INTO teams (id, name, slug, owner) VALUES ($1, $1, $1, 'o@example.com') "
                + "RETURNING plan, settings::text AS settings", id);
        assertEquals("free", row.getString("plan"));
        assertEquals("{}", row.getString("settings"));
    }

    @Test
    void duplicateTeamSlugIsRejected() {
        String slug = "slug-" + suffix();
        exec("INSERT INTO teams (id, name, slug, owner) VALUES ($1, 'A', $2, 'o@example.com')", "tsc" + suffix(), slug);
        assertViolates(UNIQUE, "teams_slug_key",
                "INSERT INTO teams (id, name, slug, owner) VALUES ($1, 'B', $2, 'o@example.com')", "tsc" + suffix(), slug);
    }

    @Test
    void memberRoleOutsideTheHierarchyIsRejected() {
        assertViolates(CHECK, "ck_team_members_role",
                "INSERT INTO team_members (id, team_id, email, role) VALUES ($1, $2, $3, $4)",
                "mem_" + suffix(), team, "a@example.com", "root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "admin", "member", "viewer"})
    void memberWithAKnownRoleIsAccepted(String role) {
        exec("INSERT INTO team_members (id, team_id, email, role) VALUES ($1, $2, $3, $4)",
                "mem_" + suffix(), team, role + "@example.com", role);
    }

    @Test
    void apiKeyRoleOutsideTheHierarchyIsRejected() {
        assertViolates(CHECK, "ck_api_keys_role",
                "INSERT INTO api_keys (id, key_hash, key_prefix, name, team_id, role) VALUES ($1, $2, 'codeb_x', 'k', $3, $4)",
                "key_" + suffix(), "h" + suffix(), team, "superuser");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "admin", "member", "viewer"})
    void apiKeyWithAKnownRoleIsAccepted(String role) {
        Row row = one("INSERT INTO api_keys (id, key_hash, key_prefix, name, team_id, role) "
                        + "VALUES ($1, $2, 'codeb_x', 'k', $3, $4) RETURNING scopes::text AS scopes",
                "key_" + suffix(), "h" + suffix(), team, role);
        assertEquals("[]", row.getString("scopes"));
    }

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

    // ---------------------------------------------------------------- deployments and audit

    @Test
    void deploymentStatusOutsideTheLifecycleIsRejected() {
        assertViolates(CHECK, "ck_deployments_status",
                "INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', 'blue', $3)",
                "dep_" + suffix(), project, "done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "running", "success", "failed"})
    void deploymentWithAKnownStatusIsAccepted(String status) {
        exec("INSERT INTO deployments (id, project_name, environment, slot, status) VALUES ($1, $2, 'production', 'green', $3)",
                "dep_" + suffix(), project, status);
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

    // ---------------------------------------------------------------- domains

    @Test
    void domainTypeOutsideSubdomainOrCustomIsRejected() {
        assertViolates(CHECK, "ck_domains_type",
                "INSERT INTO domains (domain, project_name, type) VALUES ($1, $2, $3)", domain(), project, "wildcard");
    }

    @Test
    void domainStatusOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_domains_status",
                "INSERT INTO domains (domain, project_name, status) VALUES ($1, $2, $3)", domain(), project, "done");
    }

    @Test
    void domainEnvironmentOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_domains_environment",
                "INSERT INTO domains (domain, project_name, environment) VALUES ($1, $2, $3)", domain(), project, "qa");
    }

    @Test
    void customDomainInAKnownStateIsAccepted() {
        exec("INSERT INTO domains (domain, project_name, environment, type, status) VALUES ($1, $2, 'staging', 'custom', 'active')",
                domain(), project);
    }

    @Test
    void domainHeldByAnotherProjectIsRejected() {
        String name = domain();
        exec("INSERT INTO domains (domain, project_name) VALUES ($1, $2)", name, project);
        assertViolates(UNIQUE, "domains_domain_key",
                "INSERT INTO domains (domain, project_name) VALUES ($1, $2)", name, newProject(newTeam()));
    }

    // ---------------------------------------------------------------- environment variables

    @Test
    void envVersionBelowOneIsRejected() {
        assertViolates(CHECK, "ck_project_envs_version",
                "INSERT INTO project_envs (project_name, environment, version) VALUES ($1, 'production', $2)", project, 0);
    }

    @Test
    void envEnvironmentOutsideTheKnownOnesIsRejected() {
        assertViolates(CHECK, "ck_project_envs_environment",
                "INSERT INTO project_envs (project_name, environment) VALUES ($1, $2)", project, "local");
    }

    @Test
    void envVersionHistoryAcceptsConsecutiveVersions() {
        String sql = "INSERT INTO project_env_versions (project_name, environment, version, env_data, encrypted, created_by) "
                + "VALUES ($1, 'production', $2, '{\"A\": \"x\"}'::jsonb, true, 'dev@example.com')";
        exec(sql, project, 1);
        exec(sql, project, 2);
    }

    @Test
    void envVersionHistoryRejectsTheSameVersionTwice() {
        String sql = "INSERT INTO project_env_versions (project_name, environment, version, env_data) "
                + "VALUES ($1, 'staging', $2, '{}'::jsonb)";
        exec(sql, project, 1);
        assertViolates(UNIQUE, "uq_project_env_versions", sql, project, 1);
    }

    @Test
    void envVersionHistoryRejectsAnUnknownEnvironment() {
        assertViolates(CHECK, "ck_project_env_versions_environment",
                "INSERT INTO project_env_versions (project_name, environment, version, env_data) VALUES ($1, $2, 1, '{}'::jsonb)",
                project, "local");
    }

    @Test
    void envVersionHistoryRejectsVersionZero() {
        assertViolates(CHECK, "ck_project_env_versions_version",
                "INSERT INTO project_env_versions (project_name, environment, version, env_data) VALUES ($1, 'preview', $2, '{}'::jsonb)",
                project, 0);
    }

    // ---------------------------------------------------------------- work tasks and file locks

    @Test
    void workTaskStatusOutsideTheWorkflowIsRejected() {
        assertViolates(CHECK, "ck_work_tasks_status",
                "INSERT INTO work_tasks (team_id, project_name, title, author, status) VALUES ($1, $2, 't', 'a', $3)",
                team, project, "wip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"draft", "in-progress", "review", "done", "deployed"})
    void workTaskInAKnownStatusIsAccepted(String status) {
        exec("INSERT INTO work_tasks (team_id, project_name, title, author, status) VALUES ($1, $2, 't', 'a', $3)",
                team, project, status);
    }

    @Test
    void workTaskPriorityOutsideTheScaleIsRejected() {
        assertViolates(CHECK, "ck_work_tasks_priority",
                "INSERT INTO work_tasks (team_id, project_name, title, author, priority) VALUES ($1, $2, 't', 'a', $3)",
                team, project, "urgent");
    }

    @Test
    void lockTypeOutsideEditingOrReviewingIsRejected() {
        assertViolates(CHECK, "ck_work_task_files_lock_type",
                "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', $2)",
                newTask(project), "writing");
    }

    @Test
    void lockStatusOutsideLockedOrReleasedIsRejected() {
        assertViolates(CHECK, "ck_work_task_files_status",
                "INSERT INTO work_task_files (task_id, file_path, status) VALUES ($1, 'src/a.ts', $2)",
                newTask(project), "open");
    }

    @Test
    void lockTakesItsProjectFromTheTaskWhateverTheCallerSays() {
        String other = newProject(team);
        Row row = one("INSERT INTO work_task_files (task_id, file_path, project_name) VALUES ($1, 'src/a.ts', $2) "
                + "RETURNING project_name", newTask(project), other);
        assertEquals(project, row.getString("project_name"));
    }

    @Test
    void secondEditingLockOnTheSameFileOfTheSameProjectIsRejected() {
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, $2, 'editing')";
        exec(lock, newTask(project), "src/index.ts");
        assertViolates(UNIQUE, "ux_work_task_files_editing", lock, newTask(project), "src/index.ts");
    }

    @Test
    void editingLocksOnTheSamePathInTwoProjectsAreAccepted() {
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, $2, 'editing')";
        exec(lock, newTask(project), "src/index.ts");
        exec(lock, newTask(newProject(team)), "src/index.ts");
    }

    @Test
    void reviewingLockNextToAnEditingLockIsAccepted() {
        exec("INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'editing')", newTask(project));
        exec("INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'reviewing')", newTask(project));
    }

    @Test
    void releasedEditingLockFreesTheFile() {
        int first = newTask(project);
        String lock = "INSERT INTO work_task_files (task_id, file_path, lock_type) VALUES ($1, 'src/a.ts', 'editing')";
        exec(lock, first);
        exec("UPDATE work_task_files SET status = 'released', released_at = NOW() WHERE task_id = $1", first);
        exec(lock, newTask(project));
    }

    @Test
    void movingATaskToAnotherProjectMovesItsLocks() {
        int task = newTask(project);
        exec("INSERT INTO work_task_files (task_id, file_path) VALUES ($1, 'src/a.ts')", task);
        String other = newProject(team);
        exec("UPDATE work_tasks SET project_name = $1 WHERE id = $2", other, task);
        Row row = one("SELECT project_name FROM work_task_files WHERE task_id = $1", task);
        assertEquals(other, row.getString("project_name"));
    }

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

    // ---------------------------------------------------------------- helpers

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String domain() {
        return "schema-" + suffix() + ".codeb.kr";
    }

    /** Slot insert with parameters project, active_slot, blue_state, green_state; with or without a grace expiry. */
    private static String insertSlot(boolean graceExpiry) {
        return "INSERT INTO project_slots (project_name, environment, active_slot, blue_state, green_state, grace_expires_at) "
                + "VALUES ($1, 'production', $2, $3, $4, " + (graceExpiry ? "NOW() + INTERVAL '1 hour'" : "NULL") + ")";
    }

    private String newTeam() {
        String id = "tsc" + suffix();
        exec("INSERT INTO teams (id, name, slug, owner) VALUES ($1, 'Schema test', $1, 'owner@example.com')", id);
        return id;
    }

    private String newProject(String teamId) {
        String name = "schema-" + suffix();
        exec("INSERT INTO projects (name, team_id) VALUES ($1, $2)", name, teamId);
        return name;
    }

    private int newTask(String projectName) {
        return one("INSERT INTO work_tasks (team_id, project_name, title, author) "
                + "VALUES ((SELECT team_id FROM projects WHERE name = $1), $1, 'task', 'dev@example.com') RETURNING id",
                projectName).getInteger("id");
    }

    private RowSet<Row> exec(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }

    private Row one(String sql, Object... args) {
        RowSet<Row> rows = exec(sql, args);
        assertEquals(1, rows.size(), sql);
        return rows.iterator().next();
    }

    private void assertRefreshed(String sql, Object... args) {
        assertTrue(one(sql, args).getBoolean("refreshed"), sql);
    }

    private PgException rejected(String sql, Object... args) {
        Throwable thrown = assertThrows(Throwable.class, () -> exec(sql, args), sql);
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
        }
        return fail("expected a PostgreSQL error, got " + thrown);
    }

    private void assertViolates(String sqlState, String constraint, String sql, Object... args) {
        PgException e = rejected(sql, args);
        assertEquals(sqlState, e.getSqlState(), e::getMessage);
        assertEquals(constraint, e.getConstraint(), e::getMessage);
    }

    private void assertNotNullViolation(String column, String sql, Object... args) {
        PgException e = rejected(sql, args);
        assertEquals(NOT_NULL, e.getSqlState(), e::getMessage);
        assertEquals(column, e.getColumn(), e::getMessage);
    }
}
