package kr.codeb.control.common.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * TRANSACTION_TIMEOUT and CODEB_SLOW_QUERY_MS, with a short budget and a zero threshold. The budget still leaves room for
 * the start-up transactions of a loaded machine (400 ms failed start-up on one).
 */
@QuarkusTest
@TestProfile(TransactionTimeoutTest.ShortBudget.class)
class TransactionTimeoutTest {

    public static class ShortBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("codeb.db.transaction-timeout", "1500", "codeb.slow-query-ms", "0");
        }
    }

    @Inject
    Db db;

    @Test
    void transactionOutlivingTheBudgetIsRolledBackAsUnavailable() {
        String id = Ids.newId("team");
        ApiException e = assertThrows(ApiException.class, () -> db.inTransaction(conn -> db.query(conn, "test.insert",
                        "INSERT INTO teams (id, name, slug, owner) VALUES ($1, 'n', $2, 'o@x.io')", Tuple.of(id, "slow-" + Fixtures.unique()))
                .chain(() -> db.query(conn, "test.sleep", "SELECT pg_sleep(4)", Tuple.tuple()))).await().indefinitely());
        assertEquals(503, e.status());
        long rows = Fixtures.pool().preparedQuery("SELECT count(*) FROM teams WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, rows, "the insert was rolled back");
    }

    @Test
    void queriesOverTheThresholdAreCountedByName() {
        db.query("test.counted", "SELECT 1", Tuple.tuple()).await().indefinitely();
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("codeb_db_slow_queries_total{query=\"test.counted\"}"), "slow query counted by name");
    }
}
