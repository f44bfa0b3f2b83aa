package kr.codeb.control.slot;

import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many parallel clients firing mixed deploy / report / promote / rollback calls at one environment must
 * leave the invariants of SPEC §5 true, with no 5xx.
 */
@QuarkusTest
class SlotConcurrencyTest {

    private static final int CALLS = 120;
    private static final int CLIENTS = 12;

    @RepeatedTest(2)
    void mixedParallelCallsKeepEveryInvariant() throws Exception {
        String team = Fixtures.newTeam();
        String project = Fixtures.newProject(team);
        String key = Fixtures.keyFor(team, Role.MEMBER);
        String base = "/api/v1/projects/" + project + "/environments/production";
        List<String> deployments = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int n = i;
            calls.add(pool.submit(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                var response = switch (r.nextInt(5)) {
                    case 0 -> as(key).body("{\"version\":\"v" + n + "\",\"image\":\"app:v" + n + "\",\"port\":" + (4000 + n) + "}")
                            .post(base + "/deployments");
                    case 1, 2 -> deployments.isEmpty() ? as(key).post(base + "/promote")
                            : as(key).body("{\"status\":\"" + (r.nextInt(4) == 0 ? "failed" : r.nextBoolean() ? "running" : "success") + "\"}")
                                    .patch("/api/v1/deployments/" + deployments.get(r.nextInt(deployments.size())));
                    case 3 -> as(key).post(base + "/promote");
                    default -> as(key).body("{\"reason\":\"load test\"}").post(base + "/rollback");
                };
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 201 && response.path("deployment.id") != null) {
                    deployments.add(response.path("deployment.id"));
                }
                if (response.statusCode() >= 500 || !Set.of(200, 201, 409).contains(response.statusCode())) {
                    unexpected.add(response.statusCode() + " " + response.asString());
                }
            }));
        }
        for (Future<?> f : calls) {
            f.get();
        }
        pool.shutdown();

        assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
        assertTrue(statuses.getOrDefault(201, 0) > 0, "some deploys went through: " + statuses);

        Row slot = Fixtures.pool().preparedQuery("SELECT * FROM project_slots WHERE project_name = $1 AND environment = 'production'")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next();
        StoredSlots stored = SlotRepository.from(slot);
        SlotPair p = stored.pair();
        assertEquals(Optional.empty(), SlotMachine.violation(p), "invariants hold: " + p);

        List<Row> rows = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT * FROM deployments WHERE project_name = $1 ORDER BY created_at, id")
                .execute(Tuple.of(project)).await().indefinitely().forEach(rows::add);
        assertTrue(rows.stream().filter(d -> Set.of("pending", "running").contains(d.getString("status"))).count() <= 1,
                "at most one deployment holds the deploy lock");
        for (SlotColor c : SlotColor.values()) {
            Slot side = p.get(c);
            if (side.state() == SlotState.EMPTY) {
                continue;
            }
            Row latest = rows.stream().filter(d -> d.getString("slot").equals(c.wire())).reduce((a, b) -> b).orElseThrow();
            assertEquals(side.version(), latest.getString("version"), c + " shows the latest deployment made to it");
            if (side.state() == SlotState.ACTIVE || side.state() == SlotState.GRACE) {
                assertEquals("success", latest.getString("status"), c + " went live only after success");
                assertTrue(latest.getOffsetDateTime("promoted_at") != null, c + " was promoted");
            }
        }
    }
}
