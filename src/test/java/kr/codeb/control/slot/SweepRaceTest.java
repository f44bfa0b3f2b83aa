package kr.codeb.control.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Two sweeps racing (as two replicas would) apply each change exactly once. */
@QuarkusTest
class SweepRaceTest {

    @Inject
    GraceSweep graceSweep;

    @Inject
    kr.codeb.control.deployment.DeployTimeoutSweep timeoutSweep;

    private static long count(String sql, Object... args) {
        return Fixtures.pool().preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void racingGraceSweepsEmptyEachSlotOnce() {
        String team = Fixtures.newTeam();
        List<String> projects = List.of(Fixtures.newProject(team), Fixtures.newProject(team), Fixtures.newProject(team));
        for (String p : projects) {
            Fixtures.pool().preparedQuery("INSERT INTO project_slots (project_name, environment, active_slot, blue_state, blue_version,"
                    + " green_state, green_version, grace_expires_at) VALUES ($1, 'production', 'blue', 'active', '2', 'grace', '1',"
                    + " NOW() - interval '1 second')").execute(Tuple.of(p)).await().indefinitely();
        }
        List<Integer> done = Uni.join().all(graceSweep.expireGrace(), graceSweep.expireGrace(), graceSweep.expireGrace()).andFailFast()
                .await().indefinitely();
        for (String p : projects) {
            assertEquals(0, count("SELECT count(*) FROM project_slots WHERE project_name = $1 AND (green_state = 'grace'"
                    + " OR grace_expires_at IS NOT NULL)", p));
            assertEquals(1, count("SELECT count(*) FROM audit_logs WHERE action = 'slot.grace_expired' AND resource_id = $1",
                    p + "/production"), "audited once, as system");
            assertEquals(1, count("SELECT count(*) FROM audit_logs WHERE action = 'slot.grace_expired' AND resource_id = $1"
                    + " AND user_id = 'system' AND team_id = $2", p + "/production", team));
        }
        assertEquals(3, done.stream().mapToInt(Integer::intValue).sum(), "together the sweeps emptied each slot once: " + done);
    }

    @Test
    void racingTimeoutSweepsFailEachDeploymentOnce() {
        String team = Fixtures.newTeam();
        String project = Fixtures.newProject(team);
        String key = Fixtures.keyFor(team, Role.MEMBER);
        String id = Fixtures.as(key).body("{\"version\":\"1\",\"image\":\"i\"}")
                .post("/api/v1/projects/" + project + "/environments/staging/deployments").then().statusCode(201)
                .extract().path("deployment.id");
        Fixtures.pool().preparedQuery("UPDATE deployments SET created_at = NOW() - interval '2 hours', started_at = NOW() - interval '2 hours' WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        List<Integer> done = Uni.join().all(timeoutSweep.failTimedOut(), timeoutSweep.failTimedOut()).andFailFast().await().indefinitely();
        assertEquals(1, done.stream().mapToInt(Integer::intValue).sum(), "exactly one sweep failed it: " + done);
        assertEquals(1, count("SELECT count(*) FROM audit_logs WHERE action = 'deployment.timed_out' AND resource_id = $1", id));
    }
}
