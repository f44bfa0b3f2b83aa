package kr.codeb.control.deployment;

import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.codeb.control.slot.SlotMachine;
import kr.codeb.control.slot.SlotPair;
import kr.codeb.control.slot.SlotRepository;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.Fixtures.TeamProject;
import org.junit.jupiter.api.RepeatedTest;

/** 30 deploy, cancel and report calls at once on one environment: SPEC §5's invariants hold and never two deployments run. */
@QuarkusTest
class ReleaseRaceTest {

    @jakarta.inject.Inject
    SlotRepository slots;

    @RepeatedTest(3)
    void thirtyCallsAtOnceKeepTheInvariants() throws Exception {
        TeamProject tp = Fixtures.teamWithProject();
        String env = tp.env("production");
        List<String> ids = new ArrayList<>();
        ids.add(as(tp.member()).body("{\"version\":\"0\",\"image\":\"app:0\"}").post(env + "/deployments").then().statusCode(201)
                .extract().path("deployment.id"));
        for (int i = 1; i <= 5; i++) {
            ids.add(as(tp.member()).body("{\"version\":\"" + i + "\",\"image\":\"app:" + i + "\"}").post(env + "/deployments?wait=PT5M")
                    .then().statusCode(202).extract().path("deployment.id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            String target = ids.get(n % ids.size());
            calls.add(pool.submit((Callable<Integer>) () -> switch (n % 3) {
                case 0 -> as(tp.member()).body("{\"version\":\"r" + n + "\",\"image\":\"app:r" + n + "\"}")
                        .post(env + "/deployments?wait=PT5M").statusCode();
                case 1 -> as(tp.member()).post("/api/v1/deployments/" + target + "/cancel").statusCode();
                default -> as(tp.member()).body("{\"status\":\"" + (n % 2 == 0 ? "success" : "failed") + "\"}")
                        .patch("/api/v1/deployments/" + target).statusCode();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : calls) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertTrue(Set.of(200, 201, 202, 409, 429).containsAll(statuses), "only expected answers, no 5xx: " + statuses);

        long inFlight = count("status IN ('pending', 'running')", tp.project());
        assertTrue(inFlight <= 1, "at most one deployment holds the lock: " + inFlight);
        long queued = count("status = 'queued'", tp.project());
        assertTrue(inFlight == 1 || queued == 0, "a free lock with a queue behind it: " + queued + " queued, none started");
        assertEquals(0, count("status = 'queued' AND slot IS NOT NULL", tp.project()), "queued ones have no slot");
        assertEquals(0, count("status IN ('pending', 'running') AND started_at IS NULL", tp.project()));

        SlotPair pair = slots.find(tp.project(), "production").await().indefinitely().pair();
        assertEquals(java.util.Optional.empty(), SlotMachine.violation(pair), "SPEC §5 invariants: " + pair);
        long onSlots = count("status IN ('pending', 'running') AND slot = '" + SlotMachine.deployTarget(pair).wire() + "'", tp.project());
        assertEquals(inFlight, onSlots, "the running deployment sits on the idle side");
    }

    private static long count(String where, String project) {
        return Fixtures.pool().preparedQuery("SELECT count(*) FROM deployments WHERE project_name = $1 AND " + where)
                .execute(Tuple.of(project)).await().indefinitely().iterator().next().getLong(0);
    }
}
