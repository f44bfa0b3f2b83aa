package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** The schema's integrity rules for teams, members and API keys (see {@link SchemaTestBase}). */
@QuarkusTest
class TeamSchemaTest extends SchemaTestBase {

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
}
