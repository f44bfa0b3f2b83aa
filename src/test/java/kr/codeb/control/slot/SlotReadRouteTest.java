package kr.codeb.control.slot;

import static kr.codeb.control.support.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slot read answered from memory below the REST layer gives what the REST resource gives for the same request: the
 * same bytes, headers and audit row; everything it does not hold or would refuse goes to the resource.
 */
@QuarkusTest
class SlotReadRouteTest {

    @BeforeEach
    void listening() {
        Await.until(() -> RestAssured.given().get("/q/metrics").asString().contains("codeb_cache_listening 1.0"), 5_000,
                "the change feed to listen");
    }

    @Test
    void fromMemoryTheReadIsTheRestResourcesAnswerByteForByte() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String env = w.env("production");
        // an environment never deployed to, a promoted one, a frozen one
        assertSameAnswers(w.viewer(), env + "/slot");
        Fixtures.release(w.member(), env, "1.0.0", 4100);
        assertSameAnswers(w.member(), env + "/slot");
        as(w.admin()).body("{\"message\":\"release train\"}").post(env + "/freeze").then().statusCode(200);
        assertSameAnswers(w.member(), env + "/slot");
    }

    @Test
    void aReadFromMemoryIsAuditedAsTheRestResourceAuditsIt() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String slot = w.env("staging") + "/slot";
        int reads = readsUntilFromMemory(() -> as(w.member()).header("User-Agent", "ci/1"), slot).size();
        Await.until(() -> readRows(w.project()).size() == reads, 5_000, "every read's audit row");
        List<String> rows = readRows(w.project());
        for (String row : rows) {
            assertEquals(rows.get(0), row, "the rows of the REST read and of the read from memory");
        }
        assertTrue(rows.get(0).contains("slot.read") && rows.get(0).contains("ci/1") && rows.get(0).contains(w.team()), rows.get(0));
    }

    @Test
    void whatMemoryWouldNotGrantGoesToTheRestResource() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String slot = w.env("production") + "/slot";
        as(w.member()).get(slot).then().statusCode(200);
        as(w.member()).get(slot).then().statusCode(200);
        String stranger = Fixtures.keyFor(Fixtures.newTeam(), Role.OWNER);
        as(stranger).get(slot).then().statusCode(404);
        as(stranger).get(slot).then().statusCode(404);
        double before = served();
        as(stranger).get(slot).then().statusCode(404).contentType("application/problem+json");
        as("cb_live_not-a-key").get(slot).then().statusCode(401);
        RestAssured.given().get(slot).then().statusCode(401);
        as(w.member()).get(slot + "?fields=all").then().statusCode(200);
        as(w.member()).get(slot.replace(w.project(), w.project().toUpperCase())).then().statusCode(200);
        as(w.member()).get(w.env("nowhere") + "/slot").then().statusCode(404);
        assertEquals(before, served(), "none of these was answered from memory");
    }

    @Test
    void aRateLimitedKeyIsCountedByTheRestLayer() {
        Fixtures.TeamProject w = Fixtures.teamWithProject();
        String limited = Fixtures.keyFor(w.team(), Role.MEMBER, 2, null);
        String slot = w.env("production") + "/slot";
        as(w.member()).get(slot).then().statusCode(200);
        as(limited).get(slot).then().statusCode(200);
        as(limited).get(slot).then().statusCode(200);
        as(limited).get(slot).then().statusCode(429);
    }

    private static void assertSameAnswers(String key, String slot) {
        List<Response> reads = readsUntilFromMemory(() -> as(key), slot);
        Response rest = reads.get(0);
        Response memory = reads.get(reads.size() - 1);
        assertEquals(200, rest.statusCode());
        assertEquals(200, memory.statusCode());
        assertEquals(rest.asString(), memory.asString());
        for (String header : List.of("Content-Type", "ETag")) {
            assertEquals(rest.header(header), memory.header(header), header);
        }
    }

    /**
     * Reads {@code slot} until memory answers, and returns every answer: the first from the REST resource, the last from
     * memory. The first read fills memory unless a change notification of the fixture's own commits arrives while it
     * loads, in which case its rows are answered but not kept (ViewCache); the next read then fills it.
     */
    private static List<Response> readsUntilFromMemory(Supplier<RequestSpecification> caller, String slot) {
        List<Response> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double before = served();
            reads.add(caller.get().get(slot));
            double after = served();
            if (after == before + 1) {
                assertTrue(i > 0, "the first read cannot come from memory");
                return reads;
            }
            assertEquals(before, after, "a read is answered from memory or by the resource, counted once");
        }
        throw new AssertionError("no read of " + slot + " was answered from memory in 10 reads");
    }

    /** Every audit row of {@code project}'s slot reads, without what differs per request (id, time, duration). */
    private static List<String> readRows(String project) {
        List<String> out = new ArrayList<>();
        for (Row r : Fixtures.pool().preparedQuery("SELECT team_id, key_id, user_id, role, action, resource, resource_id,"
                    + " params::text, success, ip, user_agent, error FROM audit_logs WHERE resource_id = $1 AND action = 'slot.read'"
                    + " ORDER BY timestamp, id").execute(Tuple.of(project)).await().indefinitely()) {
            out.add(r.toJson().encode());
        }
        return out;
    }

    private static double served() {
        String line = RestAssured.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("codeb_slot_reads_memory_total")).findFirst().orElse("x 0");
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
