package kr.codeb.control.common.db;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DATABASE_READ_URL} against a real streaming replica (SPEC §7): lists come from it while it keeps up; a stopped
 * replica or one whose replay is held back past {@code CODEB_READ_MAX_LAG} moves them to the primary with no failed
 * request; a caller always reads its own writes.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.WithStreamingReplica.class)
class ReadReplicaTest {

    static final String DB = "codeb";

    /** The service on a primary of its own, with its streaming replica as the read URL and a 2 s lag bound. */
    public static class WithStreamingReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            StreamingPair pair = StreamingPair.get();
            EmbeddedPostgres.Server primary = pair.primary();
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + primary.port() + "/" + DB,
                    "quarkus.datasource.jdbc.url", primary.jdbcUrl(DB),
                    "quarkus.datasource.username", primary.user(),
                    "quarkus.datasource.password", primary.password(),
                    "codeb.db.read-url", pair.standbyUrl(DB),
                    "codeb.db.read-max-lag", "PT2S",
                    "codeb.registry-dir", "target/codeb-test/registry-read-replica");
        }
    }

    @Inject
    ReadReplica replica;

    String team;
    String viewer;

    @BeforeEach
    void aTeamAndAReplicaInUse() {
        team = Fixtures.newTeam();
        viewer = Fixtures.keyFor(team, Role.VIEWER);
        Await.until(() -> replica.forRead() != null, 10_000, "the replica holds this process's writes and is in use");
    }

    @Test
    void listsAreServedByTheReplicaWhileItKeepsUp() {
        double before = served("replica");
        as(viewer).get("/api/v1/projects").then().statusCode(200);
        assertTrue(served("replica") > before, "the project list was read from the replica");
        given().get("/q/health/well").then().statusCode(200).body("checks.find { it.name == 'database' }.data.replica",
                org.hamcrest.Matchers.equalTo("in-use"));
    }

    @Test
    void aReplicaHeldBackPastTheBoundIsSkippedForThePrimary() throws Exception {
        StreamingPair pair = StreamingPair.get();
        pair.pauseReplay(DB);
        try {
            String project = "p-" + Fixtures.unique();
            try (Connection c = pair.primaryConnection(DB); var insert = c.prepareStatement("INSERT INTO projects (name, team_id) VALUES (?, ?)")) {
                insert.setString(1, project); // written past this service, so only the lag bound can bring it to a list
                insert.setString(2, team);
                insert.executeUpdate();
            }
            assertFalse(projects().contains(project), "within the bound the held-back replica answered, without the new row");
            long start = System.nanoTime();
            Await.until(() -> projects().contains(project), 4_000, "past the 2 s bound the primary answers");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "skipped once 2 s behind (plus one 250 ms check)");
            assertEquals("behind", replica.state());
        } finally {
            pair.resumeReplay(DB);
        }
        Await.until(() -> "in-use".equals(replica.state()), 5_000, "back in use once replay catches up");
    }

    @Test
    void aWriteIsReadBackAtOnceEvenWhileTheReplicaIsBehind() {
        StreamingPair pair = StreamingPair.get();
        String member = Fixtures.keyFor(team, Role.MEMBER);
        pair.pauseReplay(DB);
        try {
            for (int i = 0; i < 5; i++) {
                String name = "rw-" + i + "-" + Fixtures.unique();
                as(member).body("{\"name\":\"" + name + "\"}").post("/api/v1/projects").then().statusCode(201);
                assertTrue(projects().contains(name), "the list right after the create holds it (round " + i + ")");
            }
        } finally {
            pair.resumeReplay(DB);
        }
    }

    @Test
    void aStoppedReplicaMovesReadsToThePrimaryWithNoFailedRequest() throws Exception {
        StreamingPair pair = StreamingPair.get();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (running.get()) {
                statuses.add(as(viewer).get("/api/v1/projects").statusCode());
            }
        });
        reader.start();
        try {
            Thread.sleep(300);
            pair.stopStandby();
            double primaryBefore = served("primary");
            Await.until(() -> "unreachable".equals(replica.state()), 3_000, "the stopped replica is noticed");
            Thread.sleep(500);
            assertTrue(served("primary") > primaryBefore, "the primary serves the lists meanwhile");
            pair.startStandby();
            Await.until(() -> "in-use".equals(replica.state()), 15_000, "the restarted replica is used again");
            Thread.sleep(300);
        } finally {
            running.set(false);
            reader.join(10_000);
        }
        List<Integer> notOk = statuses.stream().filter(s -> s != 200).toList();
        assertTrue(statuses.size() > 20, "the reader kept reading: " + statuses.size());
        assertEquals(List.of(), notOk, "every list answered 200 across the stop and the restart");
    }

    private List<String> projects() {
        return as(viewer).get("/api/v1/projects?limit=200").then().statusCode(200).extract().jsonPath().getList("items.name");
    }

    private static double served(String pool) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("codeb_db_queries_total\\{pool=\"" + pool + "\"[^}]*} ([0-9.E+]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

}
