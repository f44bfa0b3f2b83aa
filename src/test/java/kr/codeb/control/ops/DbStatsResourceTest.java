package kr.codeb.control.ops;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DbStatsResourceTest {

    private static final String STATS = "/api/v1/admin/db/stats";

    @Test
    void systemKeyReadsTableSizesOfEveryTable() {
        asSystem().get(STATS).then().statusCode(200)
                .body("tables.name", hasItems("teams", "team_members", "api_keys", "projects", "project_slots", "deployments",
                        "audit_logs", "domains", "project_envs", "work_tasks", "work_task_files"))
                .body("tables.find { it.name == 'teams' }.totalBytes", greaterThan(0))
                .body("tables.find { it.name == 'teams' }", hasKey("tableBytes"))
                .body("tables.find { it.name == 'teams' }.indexBytes", greaterThan(0))
                .body("tables.find { it.name == 'teams' }", hasKey("liveTuples"))
                .body("tables.find { it.name == 'teams' }", hasKey("deadTuples"))
                .body("tables.find { it.name == 'teams' }", hasKey("lastVacuum"))
                .body("tables.find { it.name == 'teams' }", hasKey("lastAutovacuum"))
                .body("tables.find { it.name == 'teams' }", hasKey("lastAnalyze"))
                .body("tables.find { it.name == 'teams' }", hasKey("lastAutoanalyze"))
                .body("tables.totalBytes", everyItem(greaterThanOrEqualTo(0)));
    }

    @Test
    void partitionedAuditLogIsOneTableAddingUpItsPartitions() {
        asSystem().get(STATS).then().statusCode(200)
                .body("tables.findAll { it.name.startsWith('audit_logs') }.size()", equalTo(1))
                .body("tables.find { it.name == 'audit_logs' }.partitions", greaterThan(0))
                .body("tables.find { it.name == 'audit_logs' }.totalBytes", greaterThan(0));
    }

    @Test
    void indexUsageNamesIndexTableScansAndSize() {
        asSystem().get("/api/v1/teams").then().statusCode(200);
        JsonPath stats = asSystem().get(STATS).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> indexes = stats.getList("indexes");
        org.junit.jupiter.api.Assertions.assertFalse(indexes.isEmpty());
        Map<String, Object> teamsKey = indexes.stream().filter(i -> "teams_pkey".equals(i.get("name"))).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals("teams", teamsKey.get("table"));
        org.junit.jupiter.api.Assertions.assertTrue(((Number) teamsKey.get("scans")).longValue() >= 0);
        org.junit.jupiter.api.Assertions.assertTrue(((Number) teamsKey.get("sizeBytes")).longValue() > 0);
    }

    @Test
    void poolStateShowsTheConfiguredMaximum() {
        asSystem().get(STATS).then().statusCode(200)
                .body("pool.max", equalTo(20))
                .body("pool.total", greaterThanOrEqualTo(0))
                .body("pool.idle", greaterThanOrEqualTo(0))
                .body("pool.waiting", greaterThanOrEqualTo(0));
    }

    @Test
    void schemaVersionIsUpToDateAfterStartUp() {
        asSystem().get(STATS).then().statusCode(200)
                .body("schema.expected", notNullValue())
                .body("schema.actual", equalTo(asSystem().get(STATS).path("schema.expected")))
                .body("schema.upToDate", equalTo(true))
                .body("schema.installedOn", notNullValue())
                .body("schema.failedMigrations", equalTo(0))
                .body("database.name", notNullValue())
                .body("database.sizeBytes", greaterThan(0))
                .body("collectedAt", notNullValue());
    }

    @Test
    void teamOwnerKeyIsForbidden() {
        as(Fixtures.keyFor(Fixtures.newTeam(), Role.OWNER)).get(STATS).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403)).body("detail", notNullValue());
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        io.restassured.RestAssured.given().get(STATS).then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void readIsAuditedAsAdminDbStats() throws InterruptedException {
        String ua = "ua-" + Fixtures.unique();
        asSystem().header("User-Agent", ua).get(STATS).then().statusCode(200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        long rows = 0;
        while (rows == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rows = Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE action = 'admin.db_stats'"
                    + " AND resource = 'admin' AND success AND role = 'system' AND user_agent = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(ua)).await().indefinitely().iterator().next().getLong(0);
        }
        org.junit.jupiter.api.Assertions.assertEquals(1, rows);
    }
}
