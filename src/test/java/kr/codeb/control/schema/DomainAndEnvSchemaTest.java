package kr.codeb.control.schema;


import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;


/** The schema's integrity rules for domains and environment variables (see {@link SchemaTestBase}). */
@QuarkusTest
class DomainAndEnvSchemaTest extends SchemaTestBase {

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
}
