package kr.codeb.control.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every schema test shares: proving the integrity rules of the Flyway migrations against the real database, each rule
 * rejecting a bad row with the right SQLSTATE and constraint and accepting a good one. The database is shared with the rest
 * of the test run, so every row is made unique by a random suffix and nothing is cleaned up globally.
 */
abstract class SchemaTestBase {

    static final String CHECK = "23514";
    static final String UNIQUE = "23505";
    static final String NOT_NULL = "23502";

    @Inject
    Pool pool;

    String team;
    String project;

    @BeforeEach
    void createTeamAndProject() {
        team = newTeam();
        project = newProject(team);
    }

    // ---------------------------------------------------------------- helpers

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String domain() {
        return "schema-" + suffix() + ".codeb.kr";
    }

    /** Slot insert with parameters project, active_slot, blue_state, green_state; with or without a grace expiry. */
    static String insertSlot(boolean graceExpiry) {
        return "INSERT INTO project_slots (project_name, environment, active_slot, blue_state, green_state, grace_expires_at) "
                + "VALUES ($1, 'production', $2, $3, $4, " + (graceExpiry ? "NOW() + INTERVAL '1 hour'" : "NULL") + ")";
    }

    String newTeam() {
        String id = "tsc" + suffix();
        exec("INSERT INTO teams (id, name, slug, owner) VALUES ($1, 'Schema test', $1, 'owner@example.com')", id);
        return id;
    }

    String newProject(String teamId) {
        String name = "schema-" + suffix();
        exec("INSERT INTO projects (name, team_id) VALUES ($1, $2)", name, teamId);
        return name;
    }

    int newTask(String projectName) {
        return one("INSERT INTO work_tasks (team_id, project_name, title, author) "
                + "VALUES ((SELECT team_id FROM projects WHERE name = $1), $1, 'task', 'dev@example.com') RETURNING id",
                projectName).getInteger("id");
    }

    RowSet<Row> exec(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }

    Row one(String sql, Object... args) {
        RowSet<Row> rows = exec(sql, args);
        assertEquals(1, rows.size(), sql);
        return rows.iterator().next();
    }

    void assertRefreshed(String sql, Object... args) {
        assertTrue(one(sql, args).getBoolean("refreshed"), sql);
    }

    PgException rejected(String sql, Object... args) {
        Throwable thrown = assertThrows(Throwable.class, () -> exec(sql, args), sql);
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
        }
        return fail("expected a PostgreSQL error, got " + thrown);
    }

    void assertViolates(String sqlState, String constraint, String sql, Object... args) {
        PgException e = rejected(sql, args);
        assertEquals(sqlState, e.getSqlState(), e::getMessage);
        assertEquals(constraint, e.getConstraint(), e::getMessage);
    }

    void assertNotNullViolation(String column, String sql, Object... args) {
        PgException e = rejected(sql, args);
        assertEquals(NOT_NULL, e.getSqlState(), e::getMessage);
        assertEquals(column, e.getColumn(), e::getMessage);
    }
}
