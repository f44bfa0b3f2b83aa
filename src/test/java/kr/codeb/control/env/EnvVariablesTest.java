package kr.codeb.control.env;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EnvVariablesTest {

    String team;
    String project;
    String member;
    String viewer;
    String base;

    @BeforeEach
    void setUp() {
        team = Fixtures.newTeam();
        project = Fixtures.newProject(team);
        member = Fixtures.keyFor(team, Role.MEMBER);
        viewer = Fixtures.keyFor(team, Role.VIEWER);
        base = "/api/v1/projects/" + project + "/environments/production/variables";
    }

    ValidatableResponse put(String json) {
        return as(member).body("{\"variables\":" + json + "}").put(base).then();
    }

    ValidatableResponse patch(String json) {
        return as(member).body(json).patch(base).then();
    }

    ValidatableResponse revealed() {
        return as(member).get(base + "?reveal=true").then().statusCode(200);
    }

    // ---------------------------------------------------------------- read, write, mask, reveal

    @Test
    void neverWrittenEnvironmentIsVersionZeroAndEmpty() {
        as(viewer).get(base).then().statusCode(200).header("ETag", "\"0\"")
                .body("version", equalTo(0)).body("encrypted", equalTo(true)).body("variables", equalTo(Map.of()));
    }

    @Test
    void putReplacesEveryVariableAndAnswersMaskedWithTheNewVersion() {
        put("{\"API_URL\":\"https://api.example\",\"LOG_LEVEL\":\"info\"}").statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("encrypted", equalTo(true))
                .body("variables", equalTo(Map.of("API_URL", "********", "LOG_LEVEL", "********")));
        put("{\"LOG_LEVEL\":\"debug\"}").statusCode(200).body("version", equalTo(2));
        revealed().header("ETag", "\"2\"").body("variables", equalTo(Map.of("LOG_LEVEL", "debug")));
    }

    @Test
    void readsAreMaskedUnlessRevealed() {
        put("{\"SECRET\":\"s3cr3t-value\"}").statusCode(200);
        as(viewer).get(base).then().statusCode(200).header("ETag", "\"1\"").body("variables.SECRET", equalTo("********"));
        as(member).get(base + "?reveal=false").then().statusCode(200).body("variables.SECRET", equalTo("********"));
        revealed().body("version", equalTo(1)).body("variables.SECRET", equalTo("s3cr3t-value"));
        as(member).get(base + "?reveal=yes").then().statusCode(400).body("errors[0].field", equalTo("reveal"));
    }

    @Test
    void patchSetsAndUnsetsOnTopOfTheCurrentVersion() {
        put("{\"A\":\"1\",\"B\":\"2\",\"C\":\"3\"}").statusCode(200);
        patch("{\"set\":{\"B\":\"20\",\"D\":\"4\"},\"unset\":[\"C\",\"NEVER_SET\"]}").statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("variables.keySet()", contains("A", "B", "D"));
        revealed().body("variables", equalTo(Map.of("A", "1", "B", "20", "D", "4")));
        patch("{\"unset\":[\"A\"]}").statusCode(200).body("version", equalTo(3));
        patch("{\"set\":{\"FIRST\":\"x\"}}").statusCode(200).body("variables.keySet()", contains("B", "D", "FIRST"));
    }

    @Test
    void patchOnANeverWrittenEnvironmentCreatesVersionOne() {
        patch("{\"set\":{\"ONLY\":\"one\"}}").statusCode(200).body("version", equalTo(1));
        as(member).get("/api/v1/projects/" + project + "/environments/staging/variables").then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void eachEnvironmentHasItsOwnVersions() {
        put("{\"A\":\"prod\"}").statusCode(200);
        String staging = "/api/v1/projects/" + project + "/environments/staging/variables";
        as(member).body("{\"variables\":{\"A\":\"staging\"}}").put(staging).then().statusCode(200).body("version", equalTo(1));
        as(member).get(staging + "?reveal=true").then().body("variables.A", equalTo("staging"));
        revealed().body("variables.A", equalTo("prod"));
    }

    // ---------------------------------------------------------------- roles and teams

    @Test
    void viewerReadsButCannotRevealOrWrite() {
        put("{\"A\":\"1\"}").statusCode(200);
        as(viewer).get(base + "?reveal=true").then().statusCode(403).body("detail", containsString("member"));
        as(viewer).get(base + "/versions/1?reveal=true").then().statusCode(403);
        as(viewer).body("{\"variables\":{\"A\":\"2\"}}").put(base).then().statusCode(403);
        as(viewer).body("{\"set\":{\"A\":\"2\"}}").patch(base).then().statusCode(403);
        as(viewer).body("{\"version\":1}").post(base + "/rollback").then().statusCode(403);
        as(viewer).get(base + "/versions").then().statusCode(200);
        as(viewer).get(base + "/versions/1").then().statusCode(200).body("variables.A", equalTo("********"));
        as(viewer).get(base + "/diff?from=0&to=1").then().statusCode(200);
        revealed().body("version", equalTo(1)).body("variables.A", equalTo("1"));
    }

    @Test
    void anotherTeamsProjectIsNotFound() {
        put("{\"A\":\"1\"}").statusCode(200);
        String other = Fixtures.keyFor(Fixtures.newTeam(), Role.OWNER);
        as(other).get(base).then().statusCode(404).contentType("application/problem+json");
        as(other).get(base + "?reveal=true").then().statusCode(404);
        as(other).body("{\"variables\":{\"A\":\"2\"}}").put(base).then().statusCode(404);
        as(other).body("{\"set\":{\"A\":\"2\"}}").patch(base).then().statusCode(404);
        as(other).get(base + "/versions").then().statusCode(404);
        as(other).get(base + "/versions/1").then().statusCode(404);
        as(other).get(base + "/diff?from=0&to=1").then().statusCode(404);
        as(other).body("{\"version\":1}").post(base + "/rollback").then().statusCode(404);
        revealed().body("version", equalTo(1));
    }

    @Test
    void unknownProjectOrEnvironmentIsNotFound() {
        as(member).get("/api/v1/projects/no-such-project-" + Fixtures.unique() + "/environments/production/variables").then().statusCode(404);
        as(member).get("/api/v1/projects/" + project + "/environments/qa/variables").then().statusCode(404);
        as(member).body("{\"variables\":{}}").put("/api/v1/projects/" + project + "/environments/qa/variables").then().statusCode(404);
    }

    @Test
    void everyEndpointIsInTheOpenApiDocument() {
        String doc = io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        String root = "/api/v1/projects/{name}/environments/{env}/variables";
        for (String path : List.of(root, root + "/diff", root + "/versions", root + "/versions/{version}", root + "/rollback")) {
            assertTrue(doc.contains("\"" + path + "\""), path);
        }
        assertTrue(doc.contains("Reveal") || doc.contains("reveal"));
    }

    @Test
    void noKeyIsUnauthorized() {
        io.restassured.RestAssured.given().get(base).then().statusCode(401);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void badNamesAreFieldErrors() {
        put("{\"lower\":\"x\",\"1ST\":\"x\",\"OK\":\"x\"}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("variables.lower", "variables.1ST"));
        patch("{\"set\":{\"A-B\":\"x\"},\"unset\":[\"ok\"]}").statusCode(400).body("errors.field", contains("set.A-B", "unset[0]"));
        as(member).get(base).then().body("version", equalTo(0));
    }

    @Test
    void moreThan500VariablesIsAFieldError() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i <= 500; i++) {
            json.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
        }
        put(json.append("}").toString()).statusCode(400).body("errors[0].field", equalTo("variables"))
                .body("errors[0].message", containsString("at most 500"));
    }

    @Test
    void aPatchMayNotGrowTheSetBeyond500() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
        }
        put(json.append("}").toString()).statusCode(200).body("version", equalTo(1));
        patch("{\"set\":{\"ONE_MORE\":\"v\"}}").statusCode(400).body("errors[0].field", equalTo("set"));
        patch("{\"set\":{\"K1\":\"replaced\"}}").statusCode(200).body("version", equalTo(2));
    }

    @Test
    void valuesOver32KibAreAFieldError() {
        put("{\"BIG\":\"" + "x".repeat(32 * 1024 + 1) + "\"}").statusCode(400).body("errors[0].field", equalTo("variables.BIG"))
                .body("errors[0].message", containsString("32 KiB"));
        put("{\"BIG\":\"" + "x".repeat(32 * 1024) + "\"}").statusCode(200);
    }

    @Test
    void valuesMustBeStrings() {
        put("{\"N\":1,\"B\":true,\"Z\":null,\"O\":{}}").statusCode(400)
                .body("errors.field", contains("variables.N", "variables.B", "variables.Z", "variables.O"));
        patch("{\"unset\":[1]}").statusCode(400).body("errors[0].field", equalTo("unset[0]"));
        as(member).body("{\"variables\":\"A=1\"}").put(base).then().statusCode(400).body("errors[0].field", equalTo("variables"));
        as(member).body("[1,2]").put(base).then().statusCode(400).contentType("application/problem+json");
        as(member).body("{not json").patch(base).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void missingOrEmptyBodiesAreRefused() {
        as(member).body("{}").put(base).then().statusCode(400).body("errors[0].field", equalTo("variables"));
        as(member).put(base).then().statusCode(400);
        as(member).body("{}").patch(base).then().statusCode(400);
        patch("{\"set\":{\"A\":\"1\"},\"unset\":[\"A\"]}").statusCode(400).body("errors[0].field", equalTo("unset"));
        as(member).body("{}").post(base + "/rollback").then().statusCode(400).body("errors[0].field", equalTo("version"));
        as(member).body("{\"version\":\"one\"}").post(base + "/rollback").then().statusCode(400);
    }

    @Test
    void putOfAnEmptyObjectRemovesEverything() {
        put("{\"A\":\"1\"}").statusCode(200);
        put("{}").statusCode(200).body("version", equalTo(2)).body("variables", equalTo(Map.of()));
    }

    // ---------------------------------------------------------------- If-Match

    @Test
    void ifMatchOnAnotherVersionIsPreconditionFailed() {
        put("{\"A\":\"1\"}").statusCode(200);
        as(member).header("If-Match", "\"0\"").body("{\"variables\":{\"A\":\"2\"}}").put(base).then().statusCode(412)
                .contentType("application/problem+json").body("detail", containsString("version is 1"));
        as(member).header("If-Match", "\"7\"").body("{\"set\":{\"A\":\"2\"}}").patch(base).then().statusCode(412);
        as(member).header("If-Match", "\"5\"").body("{\"version\":1}").post(base + "/rollback").then().statusCode(412);
        revealed().body("version", equalTo(1)).body("variables.A", equalTo("1"));
        as(member).header("If-Match", "\"1\"").body("{\"set\":{\"A\":\"2\"}}").patch(base).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void ifMatchZeroCreatesOnlyWhenNeverWritten() {
        as(member).header("If-Match", "\"0\"").body("{\"variables\":{\"A\":\"1\"}}").put(base).then().statusCode(200);
        as(member).header("If-Match", "\"0\"").body("{\"variables\":{\"A\":\"2\"}}").put(base).then().statusCode(412);
    }

    // ---------------------------------------------------------------- versions, diff, rollback

    @Test
    void versionsListNamesNewestFirstWithKeysetPages() {
        put("{\"A\":\"1\"}").statusCode(200);
        put("{\"A\":\"1\",\"B\":\"2\"}").statusCode(200);
        patch("{\"unset\":[\"A\"]}").statusCode(200);
        String body = as(viewer).get(base + "/versions?limit=2").then().statusCode(200)
                .body("items.version", contains(3, 2)).body("items[0].keys", contains("B")).body("items[1].keys", contains("A", "B"))
                .body("items[0].createdBy", notNullValue()).body("items[0].createdAt", notNullValue())
                .body("items[0].variables", nullValue()).body("nextCursor", notNullValue()).extract().asString();
        assertFalse(body.contains("\"1\"") || body.contains("\"2\""), "no values in the list: " + body);
        String cursor = io.restassured.path.json.JsonPath.from(body).getString("nextCursor");
        as(viewer).get(base + "/versions?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items.version", contains(1)).body("nextCursor", nullValue());
        as(viewer).get(base + "/versions?cursor=bogus").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(viewer).get(base + "/versions?limit=0").then().statusCode(400);
    }

    @Test
    void oneVersionIsMaskedUnlessRevealed() {
        put("{\"A\":\"first\"}").statusCode(200);
        put("{\"A\":\"second\"}").statusCode(200);
        as(viewer).get(base + "/versions/1").then().statusCode(200).body("version", equalTo(1))
                .body("variables.A", equalTo("********")).body("encrypted", equalTo(true)).body("createdBy", notNullValue());
        as(member).get(base + "/versions/1?reveal=true").then().statusCode(200).body("variables.A", equalTo("first"));
        as(member).get(base + "/versions/2?reveal=true").then().statusCode(200).body("variables.A", equalTo("second"));
        as(member).get(base + "/versions/3").then().statusCode(404).contentType("application/problem+json");
        as(member).get(base + "/versions/0").then().statusCode(404);
        as(member).get(base + "/versions/abc").then().statusCode(404);
        as(member).get(base + "/versions/99999999999999").then().statusCode(404);
    }

    @Test
    void diffNamesAddedRemovedAndChangedKeys() {
        put("{\"KEEP\":\"same\",\"CHANGE\":\"old\",\"DROP\":\"x\"}").statusCode(200);
        put("{\"KEEP\":\"same\",\"CHANGE\":\"new\",\"ADD\":\"y\"}").statusCode(200);
        String body = as(viewer).get(base + "/diff?from=1&to=2").then().statusCode(200)
                .body("from", equalTo(1)).body("to", equalTo(2))
                .body("added", contains("ADD")).body("removed", contains("DROP")).body("changed", contains("CHANGE"))
                .extract().asString();
        assertFalse(body.contains("old") || body.contains("new") || body.contains("same"), body);
        as(viewer).get(base + "/diff?from=2&to=1").then().statusCode(200)
                .body("added", contains("DROP")).body("removed", contains("ADD")).body("changed", contains("CHANGE"));
        as(viewer).get(base + "/diff?from=0&to=1").then().statusCode(200).body("added", contains("CHANGE", "DROP", "KEEP"))
                .body("removed", empty()).body("changed", empty());
        as(viewer).get(base + "/diff?from=2&to=2").then().statusCode(200).body("changed", empty());
    }

    @Test
    void diffNeedsTwoExistingVersions() {
        put("{\"A\":\"1\"}").statusCode(200);
        as(viewer).get(base + "/diff?from=1&to=9").then().statusCode(404).contentType("application/problem+json");
        as(viewer).get(base + "/diff?from=1").then().statusCode(400).body("errors[0].field", equalTo("to"));
        as(viewer).get(base + "/diff?from=x&to=1").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(viewer).get(base + "/diff?from=-1&to=1").then().statusCode(400);
    }

    @Test
    void rollbackWritesANewVersionWithTheOldContent() {
        put("{\"A\":\"one\",\"B\":\"kept\"}").statusCode(200);
        patch("{\"set\":{\"A\":\"two\",\"C\":\"new\"},\"unset\":[\"B\"]}").statusCode(200);
        as(member).body("{\"version\":1}").post(base + "/rollback").then().statusCode(200).header("ETag", "\"3\"")
                .body("version", equalTo(3)).body("variables", equalTo(Map.of("A", "********", "B", "********")));
        revealed().body("variables", equalTo(Map.of("A", "one", "B", "kept")));
        as(viewer).get(base + "/diff?from=1&to=3").then().body("added", empty()).body("removed", empty()).body("changed", empty());
        as(viewer).get(base + "/versions").then().body("items.version", contains(3, 2, 1));
        as(member).body("{\"version\":42}").post(base + "/rollback").then().statusCode(404);
        as(member).body("{\"version\":0}").post(base + "/rollback").then().statusCode(400);
    }

    // ---------------------------------------------------------------- at rest, audit, concurrency

    @Test
    void theDatabaseHoldsNoPlaintextValue() {
        String secret = "plaintext-" + Fixtures.unique();
        put("{\"DB_PASSWORD\":\"" + secret + "\",\"TOKEN\":\"tok-" + secret + "\"}").statusCode(200);
        patch("{\"set\":{\"OTHER\":\"other-" + secret + "\"}}").statusCode(200);
        List<Row> rows = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT env_data, encrypted, version FROM project_envs WHERE project_name = $1")
                .execute(Tuple.of(project)).await().indefinitely().forEach(rows::add);
        Fixtures.pool().preparedQuery("SELECT env_data, encrypted, version FROM project_env_versions WHERE project_name = $1")
                .execute(Tuple.of(project)).await().indefinitely().forEach(rows::add);
        assertEquals(3, rows.size(), "one current row and two versions");
        for (Row r : rows) {
            JsonObject data = r.getJsonObject("env_data");
            assertTrue(r.getBoolean("encrypted"));
            assertFalse(data.encode().contains(secret), data.encode());
            data.forEach(e -> assertTrue(((String) e.getValue()).startsWith("v1:"), e.getKey()));
        }
        assertFalse(Fixtures.pool().preparedQuery("SELECT COALESCE(string_agg(params::text, ' '), '') FROM audit_logs WHERE resource_id = $1")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next().getString(0).contains(secret));
    }

    @Test
    void writesAreAuditedWithNamesNeverValues() {
        String secret = "audit-" + Fixtures.unique();
        put("{\"A\":\"" + secret + "\"}").statusCode(200);
        patch("{\"set\":{\"B\":\"" + secret + "\"},\"unset\":[\"A\"]}").statusCode(200);
        as(member).body("{\"version\":1}").post(base + "/rollback").then().statusCode(200);
        List<JsonObject> params = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        Fixtures.pool().preparedQuery("SELECT action, params FROM audit_logs WHERE resource_id = $1 AND success ORDER BY timestamp, id")
                .execute(Tuple.of(project)).await().indefinitely().forEach(r -> {
                    actions.add(r.getString("action"));
                    params.add(r.getJsonObject("params"));
                });
        assertEquals(List.of("env.write", "env.write", "env.rollback"), actions);
        params.forEach(p -> assertFalse(p.encode().contains(secret), p.encode()));
        assertEquals(1, params.get(0).getInteger("version"));
        assertEquals(List.of("A"), params.get(0).getJsonArray("variableNames").getList());
        assertEquals(List.of("B"), params.get(1).getJsonArray("setNames").getList());
        assertEquals(List.of("A"), params.get(1).getJsonArray("unsetNames").getList());
        assertEquals(1, params.get(2).getInteger("restoredVersion"));
        assertEquals(3, params.get(2).getInteger("version"));
    }

    @Test
    void revealsAreAuditedWhoeverAsksAndWhateverTheAnswer() throws InterruptedException {
        String secret = "reveal-" + Fixtures.unique();
        put("{\"A\":\"" + secret + "\"}").statusCode(200);
        revealed();
        as(viewer).get(base + "?reveal=true").then().statusCode(403);
        List<String> outcomes = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (outcomes.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            outcomes.clear();
            Fixtures.pool().preparedQuery("SELECT success, role, COALESCE(params::text, '') AS p FROM audit_logs"
                            + " WHERE resource_id = $1 AND action = 'env.reveal' ORDER BY timestamp")
                    .execute(Tuple.of(project)).await().indefinitely().forEach(r -> {
                        assertFalse(r.getString("p").contains(secret));
                        outcomes.add(r.getString("role") + ":" + r.getBoolean("success"));
                    });
        }
        assertEquals(List.of("member:true", "viewer:false"), outcomes);
    }

    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        int writers = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String key = "KEY_" + i;
                calls.add(() -> as(member).body("{\"set\":{\"" + key + "\":\"v" + key + "\"}}").patch(base).then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        ValidatableResponse now = revealed().body("version", equalTo(writers)).body("variables.size()", equalTo(writers));
        for (int i = 0; i < writers; i++) {
            now.body("variables.KEY_" + i, equalTo("vKEY_" + i));
        }
        as(viewer).get(base + "/versions").then().body("items.size()", equalTo(writers)).body("items[0].keys.size()", equalTo(writers));
    }

    @Test
    void concurrentPutsEachMakeTheirOwnVersion() throws Exception {
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String json = "{\"variables\":{\"WHO\":\"" + i + "\"}}";
                calls.add(() -> as(member).body(json).put(base).then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        as(viewer).get(base + "/versions").then().body("items.version", contains(6, 5, 4, 3, 2, 1));
        revealed().body("version", equalTo(writers)).body("variables.keySet()", hasItem("WHO"))
                .body("variables.WHO", not(equalTo(null)));
    }
}
