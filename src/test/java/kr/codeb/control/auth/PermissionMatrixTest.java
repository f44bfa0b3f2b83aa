package kr.codeb.control.auth;

import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission table over HTTP: every endpoint called with a viewer, member, admin and owner key of the
 * resource's team and with a system key (allowed → anything but 401/403/5xx; refused → 403), and with
 * another team's admin key (→ 404, and the resource unchanged).
 */
@QuarkusTest
class PermissionMatrixTest {

    /** A team with one of everything, made fresh for each call so that allowed mutations do not interfere. */
    record World(String team, String project, String memberId, String viewerKeyId, String deploymentId) {
        static World create() {
            String team = Fixtures.newTeam();
            String project = Fixtures.newProject(team);
            String memberId = asSystem().body("{\"email\":\"m-" + Fixtures.unique() + "@x.io\",\"role\":\"viewer\"}")
                    .post("/api/v1/teams/" + team + "/members").then().statusCode(201).extract().path("id");
            String viewerKey = Fixtures.keyFor(team, Role.VIEWER);
            String viewerKeyId = Fixtures.pool().preparedQuery("SELECT id FROM api_keys WHERE key_hash = $1")
                    .execute(Tuple.of(ApiKeyFormat.sha256Hex(viewerKey))).await().indefinitely().iterator().next().getString(0);
            String deploymentId = asSystem().body("{\"version\":\"1\",\"image\":\"app:1\"}")
                    .post("/api/v1/projects/" + project + "/environments/staging/deployments").then().statusCode(201)
                    .extract().path("deployment.id");
            asSystem().body("{\"variables\":{\"A\":\"1\"}}").put("/api/v1/projects/" + project + "/environments/staging/variables")
                    .then().statusCode(200);
            return new World(team, project, memberId, viewerKeyId, deploymentId);
        }

        /** What a change by an intruder would show: every readable state of the world. */
        String snapshot() {
            StringBuilder s = new StringBuilder();
            for (String path : List.of("/api/v1/teams/" + team, "/api/v1/teams/" + team + "/members", "/api/v1/teams/" + team + "/api-keys",
                    "/api/v1/projects/" + project, "/api/v1/projects/" + project + "/slots", "/api/v1/projects/" + project + "/deployments",
                    "/api/v1/projects/" + project + "/environments/staging/variables?reveal=true")) {
                s.append(asSystem().get(path).asString().replaceAll("\"lastUsedAt\":\"[^\"]*\"", "")).append('\n');
            }
            return s.toString();
        }
    }

    /** One endpoint: the least role (null: system keys only), whether it addresses one team's resource, and the call. */
    record Endpoint(String name, Role minimum, boolean teamScoped, Function<World, Function<String, Response>> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Endpoint e(String name, Role minimum, boolean teamScoped, Function<World, Function<String, Response>> call) {
        return new Endpoint(name, minimum, teamScoped, call);
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> l = new ArrayList<>();
        l.add(e("GET /teams", Role.VIEWER, false, w -> k -> as(k).get("/api/v1/teams")));
        l.add(e("POST /teams", null, false, w -> k -> as(k).body("{\"name\":\"n\",\"slug\":\"s-" + Fixtures.unique() + "\",\"owner\":\"o@x.io\"}")
                .post("/api/v1/teams")));
        l.add(e("GET /teams/{id}", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/teams/" + w.team())));
        l.add(e("PATCH /teams/{id}", Role.ADMIN, true, w -> k -> as(k).body("{\"name\":\"renamed\"}").patch("/api/v1/teams/" + w.team())));
        l.add(e("DELETE /teams/{id}", Role.OWNER, true, w -> k -> as(k).delete("/api/v1/teams/" + w.team())));
        l.add(e("GET members", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/teams/" + w.team() + "/members")));
        l.add(e("POST members", Role.ADMIN, true, w -> k -> as(k).body("{\"email\":\"n-" + Fixtures.unique() + "@x.io\",\"role\":\"viewer\"}")
                .post("/api/v1/teams/" + w.team() + "/members")));
        l.add(e("PATCH member", Role.ADMIN, true, w -> k -> as(k).body("{\"name\":\"Renamed\"}")
                .patch("/api/v1/teams/" + w.team() + "/members/" + w.memberId())));
        l.add(e("DELETE member", Role.ADMIN, true, w -> k -> as(k).delete("/api/v1/teams/" + w.team() + "/members/" + w.memberId())));
        l.add(e("GET api-keys", Role.ADMIN, true, w -> k -> as(k).get("/api/v1/teams/" + w.team() + "/api-keys")));
        l.add(e("POST api-keys", Role.ADMIN, true, w -> k -> as(k).body("{\"name\":\"k\",\"role\":\"viewer\"}")
                .post("/api/v1/teams/" + w.team() + "/api-keys")));
        l.add(e("DELETE api-key", Role.ADMIN, true, w -> k -> as(k).delete("/api/v1/teams/" + w.team() + "/api-keys/" + w.viewerKeyId())));
        l.add(e("GET /projects", Role.VIEWER, false, w -> k -> as(k).get("/api/v1/projects")));
        l.add(e("POST /projects", Role.MEMBER, true, w -> k -> as(k).body("{\"name\":\"n-" + Fixtures.unique() + "\",\"teamId\":\"" + w.team() + "\"}")
                .post("/api/v1/projects")));
        l.add(e("PUT /projects/{name}", Role.MEMBER, true, w -> k -> as(k).body("{\"teamId\":\"" + w.team() + "\",\"type\":\"go\"}")
                .put("/api/v1/projects/" + w.project())));
        l.add(e("GET /projects/{name}", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project())));
        l.add(e("PATCH /projects/{name}", Role.MEMBER, true, w -> k -> as(k).body("{\"type\":\"python\"}").patch("/api/v1/projects/" + w.project())));
        l.add(e("DELETE /projects/{name}", Role.ADMIN, true, w -> k -> as(k).delete("/api/v1/projects/" + w.project())));
        l.add(e("GET /audit-logs", Role.ADMIN, false, w -> k -> as(k).get("/api/v1/audit-logs")));
        l.add(e("POST /admin/audit-logs/cleanup", null, false, w -> k -> as(k).body("{\"olderThanDays\":36500}")
                .post("/api/v1/admin/audit-logs/cleanup")));
        l.add(e("GET /admin/db/stats", null, false, w -> k -> as(k).get("/api/v1/admin/db/stats")));
        l.add(e("GET /proxy/caddy-config", null, false, w -> k -> as(k).get("/api/v1/proxy/caddy-config")));
        l.add(e("GET /proxy/status", null, false, w -> k -> as(k).get("/api/v1/proxy/status")));
        String env = "/environments/staging";
        l.add(e("GET project slots", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + "/slots")));
        l.add(e("GET slot", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + env + "/slot")));
        l.add(e("GET /slots", Role.VIEWER, false, w -> k -> as(k).get("/api/v1/slots")));
        l.add(e("POST deployments", Role.MEMBER, true, w -> k -> as(k).body("{\"version\":\"2\",\"image\":\"app:2\"}")
                .post("/api/v1/projects/" + w.project() + "/environments/production/deployments")));
        l.add(e("POST promote", Role.MEMBER, true, w -> k -> as(k).post("/api/v1/projects/" + w.project() + env + "/promote")));
        l.add(e("POST rollback", Role.MEMBER, true, w -> k -> as(k).body("{\"reason\":\"r\"}").post("/api/v1/projects/" + w.project() + env + "/rollback")));
        l.add(e("PATCH slot health", Role.MEMBER, true, w -> k -> as(k).body("{\"healthStatus\":\"healthy\"}")
                .patch("/api/v1/projects/" + w.project() + env + "/slots/blue")));
        l.add(e("POST freeze", Role.ADMIN, true, w -> k -> as(k).body("{\"message\":\"m\"}").post("/api/v1/projects/" + w.project() + env + "/freeze")));
        l.add(e("DELETE freeze", Role.ADMIN, true, w -> k -> as(k).delete("/api/v1/projects/" + w.project() + env + "/freeze")));
        l.add(e("GET policy", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + env + "/policy")));
        l.add(e("PUT policy", Role.ADMIN, true, w -> k -> as(k).body("{}").put("/api/v1/projects/" + w.project() + env + "/policy")));
        String vars = env + "/variables";
        l.add(e("GET variables", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + vars)));
        l.add(e("GET variables reveal", Role.MEMBER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + vars + "?reveal=true")));
        l.add(e("PUT variables", Role.MEMBER, true, w -> k -> as(k).body("{\"variables\":{\"B\":\"2\"}}")
                .put("/api/v1/projects/" + w.project() + vars)));
        l.add(e("PATCH variables", Role.MEMBER, true, w -> k -> as(k).body("{\"set\":{\"B\":\"2\"}}")
                .patch("/api/v1/projects/" + w.project() + vars)));
        l.add(e("GET variable versions", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + vars + "/versions")));
        l.add(e("GET variable version", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + vars + "/versions/1")));
        l.add(e("GET variable version reveal", Role.MEMBER, true, w -> k -> as(k)
                .get("/api/v1/projects/" + w.project() + vars + "/versions/1?reveal=true")));
        l.add(e("GET variables diff", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + vars + "/diff?from=0&to=1")));
        l.add(e("POST variables rollback", Role.MEMBER, true, w -> k -> as(k).body("{\"version\":1}")
                .post("/api/v1/projects/" + w.project() + vars + "/rollback")));
        l.add(e("GET deployments", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + "/deployments")));
        l.add(e("GET deployment stats", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + "/deployments/stats")));
        l.add(e("GET deployment", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/deployments/" + w.deploymentId())));
        l.add(e("PATCH deployment", Role.MEMBER, true, w -> k -> as(k).body("{\"status\":\"running\"}").patch("/api/v1/deployments/" + w.deploymentId())));
        l.add(e("POST cancel deployment", Role.MEMBER, true, w -> k -> as(k).body("{\"reason\":\"r\"}")
                .post("/api/v1/deployments/" + w.deploymentId() + "/cancel")));
        l.add(e("GET deploy lock", Role.VIEWER, true, w -> k -> as(k).get("/api/v1/projects/" + w.project() + "/environments/production/lock")));
        l.add(e("DELETE deploy lock", Role.ADMIN, true, w -> k -> as(k).body("{\"reason\":\"r\"}")
                .delete("/api/v1/projects/" + w.project() + "/environments/production/lock")));
        return l;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : Role.values()) {
                out.add(Arguments.of(endpoint, role.wire()));
            }
            out.add(Arguments.of(endpoint, "system"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void roleLadderIsEnforced(Endpoint endpoint, String who) {
        World w = World.create();
        boolean system = who.equals("system");
        String key = system ? Fixtures.SYSTEM_KEY : Fixtures.keyFor(w.team(), Role.parse(who).orElseThrow());
        boolean allowed = system || (endpoint.minimum() != null && Role.parse(who).orElseThrow().includes(endpoint.minimum()));
        Response r = endpoint.call().apply(w).apply(key);
        if (allowed) {
            assertTrue(r.statusCode() < 500 && r.statusCode() != 401 && r.statusCode() != 403,
                    endpoint + " as " + who + " should be allowed: " + r.statusCode() + " " + r.asString());
        } else {
            assertEquals(403, r.statusCode(), endpoint + " as " + who + ": " + r.asString());
        }
    }

    static Stream<Endpoint> teamScoped() {
        return endpoints().stream().filter(Endpoint::teamScoped);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("teamScoped")
    void anotherTeamsAdminGets404AndChangesNothing(Endpoint endpoint) {
        World victim = World.create();
        String intruder = Fixtures.keyFor(Fixtures.newTeam(), Role.ADMIN);
        String before = victim.snapshot();
        Response r = endpoint.call().apply(victim).apply(intruder);
        assertEquals(404, r.statusCode(), endpoint + ": " + r.asString());
        assertEquals(before, victim.snapshot(), endpoint + " changed nothing");
        assertNotEquals("", before);
    }
}
