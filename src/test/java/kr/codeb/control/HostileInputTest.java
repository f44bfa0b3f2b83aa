package kr.codeb.control;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import kr.codeb.control.auth.ApiKeyFormat;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import kr.codeb.control.support.HostileValues;
import kr.codeb.control.support.HostileValues.Body;
import kr.codeb.control.support.HostileValues.Value;
import kr.codeb.control.support.OpenApiRoutes;
import kr.codeb.control.support.OpenApiRoutes.Route;
import kr.codeb.control.support.RawHttp;
import kr.codeb.control.support.RowSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every documented route. The routes come from the service's own OpenAPI document at test time,
 * not from a list kept here; each path × method gets hostile path parameters, query values, header values,
 * Authorization values, whole bodies and body fields, once with the system key and once with a team admin key.
 * Every answer must be below 500, every 4xx an RFC 9457 problem (application/problem+json with status, title and
 * detail), and a request that was not answered 2xx must not have inserted, deleted or changed a row.
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__hostile_value__";
    /** Stands for the current world's team id in bodies; replaced when the request is sent. */
    private static final String TEAM = "team_of_the_current_world";

    @TestHTTPResource("/")
    URL base;

    /** A fresh team with one of everything the routes address, and the valid value of each path parameter. */
    record World(String team, String adminKey, Map<String, String> pathValues) {
        static World create() {
            String team = Fixtures.newTeam();
            String project = Fixtures.newProject(team);
            String member = asSystem().body("{\"email\":\"m-" + Fixtures.unique() + "@x.io\",\"role\":\"viewer\"}")
                    .post("/api/v1/teams/" + team + "/members").then().statusCode(201).extract().path("id");
            String viewerKey = Fixtures.keyFor(team, Role.VIEWER);
            String keyId = Fixtures.pool().preparedQuery("SELECT id FROM api_keys WHERE key_hash = $1")
                    .execute(Tuple.of(ApiKeyFormat.sha256Hex(viewerKey))).await().indefinitely().iterator().next().getString(0);
            String deployment = asSystem().body("{\"version\":\"1\",\"image\":\"app:1\"}")
                    .post("/api/v1/projects/" + project + "/environments/staging/deployments").then().statusCode(201)
                    .extract().path("deployment.id");
            Map<String, String> values = Map.of("teamId", team, "name", project, "env", "staging", "slot", "blue",
                    "memberId", member, "keyId", keyId, "id", deployment);
            return new World(team, Fixtures.keyFor(team, Role.ADMIN), values);
        }

        /** A valid value for a path parameter; one this test does not know yet still gets a plausible value. */
        String valid(String param) {
            return pathValues.getOrDefault(param, "probe");
        }
    }

    /**
     * One request of the battery: at most one path parameter replaced by hostile wire text (the others take the valid
     * values of the world current when it is sent), a query string, extra headers and a body.
     */
    record Probe(Route route, String kind, String label, String hostileParam, String hostileSegment, String query,
            Map<String, String> headers, String contentType, byte[] body) {
        @Override
        public String toString() {
            return route + " [" + kind + ": " + label + "]";
        }
    }

    @Test
    void everyDocumentedRouteWithTheSystemKey() {
        new Battery("system", w -> Fixtures.SYSTEM_KEY).run();
    }

    @Test
    void everyDocumentedRouteWithATeamAdminKey() {
        new Battery("team admin", World::adminKey).run();
    }

    @Test
    void requestTargetOverEightKibIsAProblem() {
        assertProblem(raw().send("GET", "/api/v1/teams/" + "a".repeat(20_000), headers(Fixtures.SYSTEM_KEY), null), 414);
        assertProblem(raw().send("GET", "/api/v1/teams?cursor=" + "a".repeat(9_000), headers(Fixtures.SYSTEM_KEY), null), 414);
    }

    @Test
    void headersOverTwentyKibAreAProblem() {
        Map<String, String> headers = headers(Fixtures.SYSTEM_KEY);
        headers.put("X-Padding", "a".repeat(40_000));
        assertProblem(raw().send("GET", "/api/v1/teams", headers, null), 431);
    }

    /**
     * What the platform rejects before any application code runs, with a bare status: a request target that is not
     * an RFC 3986 URI (Quarkus's URI validation, which its maintainers advise never to switch off), a request line
     * that is not HTTP, and one over the decoder's 64 KiB limit. These must still be refused and change nothing.
     */
    @Test
    void whatThePlatformRejectsBeforeTheApplicationChangesNothing() {
        String team = Fixtures.newTeam();
        Map<String, String> before = RowSnapshot.of(team);
        Map<String, String> headers = headers(Fixtures.SYSTEM_KEY);
        headers.put("Content-Type", "application/json");
        byte[] body = "{\"name\":\"renamed\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, raw().send("PATCH", "/api/v1/teams/" + team + "%u0000", headers, body).status());
        assertEquals(400, raw().send("PATCH", "/api/v1/teams/" + team + "?x=%", headers, body).status());
        assertEquals(400, raw().send("PATCH", "/api/v1/teams/" + team + " x", headers, body).status());
        assertEquals(414, raw().send("PATCH", "/api/v1/teams/" + team + "?x=" + "a".repeat(70_000), headers, body).status());
        assertEquals(List.of(), RowSnapshot.diff(before, RowSnapshot.of(team)));
    }

    // Regressions: what the battery found, each proved on its own.

    @Test
    void textAfterTheJsonValueIsMalformedJson() {
        String team = Fixtures.newTeam();
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"name\":\"renamed\"}garbage", null);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNotCoerced() {
        String team = Fixtures.newTeam();
        String project = Fixtures.newProject(team);
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"name\":true}", "name");
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"slug\":12345}", "slug");
        rejectedWithoutChange(team, "PATCH", "/api/v1/projects/" + project, "{\"databasePort\":5432.5}", "databasePort");
        rejectedWithoutChange(team, "PATCH", "/api/v1/projects/" + project, "{\"databasePort\":\"5432\"}", "databasePort");
        rejectedWithoutChange(team, "PATCH", "/api/v1/projects/" + project, "{\"redisDb\":\"\"}", "redisDb");
        rejectedWithoutChange(team, "POST", "/api/v1/admin/audit-logs/cleanup", "{\"olderThanDays\":1.5}", "olderThanDays");
    }

    @Test
    void textPostgresqlCannotStoreAsSentIsRefused() {
        String team = Fixtures.newTeam();
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"name\":\"a\\u0000b\"}", "name");
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"name\":\"\\ud800x\"}", "name");
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"settings\":{\"note\":\"a\\u0000b\"}}", "settings.note");
        // a NUL in a free-form key is only found by PostgreSQL: still a 400, never a 500
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"settings\":{\"a\\u0000b\":1}}", null);
    }

    @Test
    void aNameOfControlCharactersIsBlank() {
        String team = Fixtures.newTeam();
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"name\":\"\\u0001\\u001f \"}", "name");
        rejectedWithoutChange(team, "PATCH", "/api/v1/teams/" + team, "{\"owner\":\"\\u0007\"}", "owner");
    }

    /** Sends {@code body} with the system key; it must be a 400 problem (naming {@code field} when given) that changed nothing. */
    private void rejectedWithoutChange(String team, String method, String path, String body, String field) {
        Map<String, String> before = RowSnapshot.of(team);
        Map<String, String> headers = headers(Fixtures.SYSTEM_KEY);
        headers.put("Content-Type", "application/json");
        RawHttp.Response r = raw().send(method, path, headers, body.getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 400);
        if (field != null) {
            assertTrue(r.body().contains("\"field\":\"" + field + "\""), body + " → " + r.body());
        }
        assertEquals(List.of(), RowSnapshot.diff(before, RowSnapshot.of(team)), body);
    }

    /** The battery's own judge: it must reject what it exists to catch. */
    @Test
    void theCheckerRejectsServerErrorsAndBareOrIncompleteProblems() {
        String problem = "{\"type\":\"urn:x\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"d\"}";
        assertEquals(null, problemIn(new RawHttp.Response(400, Map.of("content-type", "application/problem+json"), problem)));
        assertEquals(null, problemIn(new RawHttp.Response(200, Map.of("content-type", "application/json"), "{}")));
        assertTrue(problemIn(new RawHttp.Response(500, Map.of("content-type", "application/problem+json"),
                problem.replace("400", "500"))) != null);
        assertTrue(problemIn(new RawHttp.Response(400, Map.of(), "")) != null);
        assertTrue(problemIn(new RawHttp.Response(400, Map.of("content-type", "application/json"), problem)) != null);
        assertTrue(problemIn(new RawHttp.Response(404, Map.of("content-type", "application/problem+json"), problem)) != null);
        assertTrue(problemIn(new RawHttp.Response(400, Map.of("content-type", "application/problem+json"),
                problem.replace(",\"detail\":\"d\"", ""))) != null);
        assertTrue(problemIn(new RawHttp.Response(400, Map.of("content-type", "application/problem+json"), "Bad Request")) != null);
        assertTrue(platformRejected("/api/v1/teams/%u0000"));
        assertTrue(!platformRejected("/api/v1/teams/%00?limit=%ff"));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Runs every probe of every route as one caller, checking each answer and the rows after it. */
    final class Battery {
        private final String who;
        private final Function<World, String> keyOf;
        private final List<String> failures = new ArrayList<>();
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private World world;
        private Map<String, String> rows;
        private RowSnapshot snapshot;
        private final Set<String> unknownParams = new TreeSet<>();
        private final StringBuilder trace = new StringBuilder("status\tms\troute\tprobe\tdetail\n");
        private int sent;
        private int worlds;
        private long httpNanos;
        private long rowsNanos;

        Battery(String who, Function<World, String> keyOf) {
            this.who = who;
            this.keyOf = keyOf;
        }

        void run() {
            OpenApiRoutes api = OpenApiRoutes.parse(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
            List<Route> routes = api.routes("/api/v1");
            assertTrue(routes.size() >= 30, "the OpenAPI document lists the API's routes: " + routes);
            assertTrue(routes.stream().anyMatch(r -> r.toString().equals("GET /api/v1/admin/db/stats")), routes.toString());
            long start = System.nanoTime();
            try (RowSnapshot snapshot = RowSnapshot.open()) {
                this.snapshot = snapshot;
                fresh();
                for (Route route : routes) {
                    for (Probe probe : probes(api, route)) {
                        send(probe);
                    }
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            writeTrace();
            System.out.printf("hostile input as %s: %d requests on %d routes in %d ms (%d ms answering, %d ms checking rows,"
                    + " %d fresh teams); statuses %s%n", who, sent, routes.size(), ms, httpNanos / 1_000_000, rowsNanos / 1_000_000,
                    worlds, statuses);
            if (!unknownParams.isEmpty()) {
                System.out.println("path parameters without a known valid value (World.create should make one): " + unknownParams);
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " hostile requests as " + who + " were mishandled:\n"
                    + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        }

        /** Every probe and its answer, for reading what the battery did: target/hostile-input/<who>.tsv. */
        private void writeTrace() {
            try {
                Path dir = Files.createDirectories(Path.of("target", "hostile-input"));
                Files.writeString(dir.resolve(who.replace(' ', '-') + ".tsv"), trace);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void fresh() {
            worlds++;
            world = World.create();
            rows = snapshot.take(world.team());
        }

        private List<Probe> probes(OpenApiRoutes api, Route route) {
            List<Probe> out = new ArrayList<>();
            String validBody = route.body() == null ? null : validBody(api, route);
            byte[] validBytes = validBody == null ? null : validBody.getBytes(StandardCharsets.UTF_8);
            String json = validBody == null ? null : "application/json";
            for (OpenApiRoutes.Param param : route.in("path")) {
                for (Value v : HostileValues.pathSegments()) {
                    out.add(new Probe(route, "path " + param.name(), v.label(), param.name(), v.text(), "", Map.of(), json, validBytes));
                }
            }
            for (OpenApiRoutes.Param param : route.in("query")) {
                String name = param.name();
                for (Value v : HostileValues.queryValues()) {
                    out.add(new Probe(route, "query " + name, v.label(), null, null, "?" + name + "=" + v.text(), Map.of(), json, validBytes));
                }
                out.add(new Probe(route, "query " + name, "repeated", null, null, "?" + name + "=1&" + name + "=x", Map.of(), json, validBytes));
                out.add(new Probe(route, "query " + name, "without value", null, null, "?" + name, Map.of(), json, validBytes));
            }
            for (OpenApiRoutes.Param param : route.in("header")) {
                for (Value v : HostileValues.headerValues()) {
                    out.add(new Probe(route, "header " + param.name(), v.label(), null, null, "", Map.of(param.name(), v.text()), json, validBytes));
                }
            }
            for (Value v : HostileValues.authorizations()) {
                out.add(new Probe(route, "authorization", v.label(), null, null, "", Map.of("Authorization", v.text()), json, validBytes));
            }
            for (String accept : List.of("text/html", "application/xml")) {
                out.add(new Probe(route, "accept", accept, null, null, "", Map.of("Accept", accept), json, validBytes));
            }
            if (validBody != null) {
                for (Body b : HostileValues.bodies(validBody)) {
                    out.add(new Probe(route, "body", b.label(), null, null, "", Map.of(), b.contentType(), b.bytes()));
                }
                for (String field : api.fieldPaths(route.body())) {
                    for (Value v : HostileValues.fieldValues()) {
                        out.add(new Probe(route, "field " + field, v.label(), null, null, "", Map.of(), json,
                                withField(validBody, field, v.text()).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } else if (!route.method().equals("GET")) {
                for (Body b : HostileValues.unexpectedBodies()) {
                    out.add(new Probe(route, "unexpected body", b.label(), null, null, "", Map.of(), b.contentType(), b.bytes()));
                }
            }
            return out;
        }

        /** A body the route accepts in shape: the schema's examples, with this world's team where a team is named. */
        private String validBody(OpenApiRoutes api, Route route) {
            JsonNode sample = api.sample(route.body(), 0);
            if (sample instanceof ObjectNode object && object.has("teamId")) {
                object.put("teamId", TEAM);
            }
            return sample.toString();
        }

        private String target(Route route, String hostileParam, String hostileText) {
            String path = route.path();
            for (OpenApiRoutes.Param p : route.in("path")) {
                if (!world.pathValues().containsKey(p.name())) {
                    unknownParams.add(route + " {" + p.name() + "}");
                }
                String text = p.name().equals(hostileParam) ? hostileText : HostileValues.encode(world.valid(p.name()));
                path = path.replace("{" + p.name() + "}", text);
            }
            return path;
        }

        private void send(Probe p) {
            String target = target(p.route(), p.hostileParam(), p.hostileSegment()) + p.query();
            Map<String, String> headers = headers(keyOf.apply(world));
            if (p.contentType() != null && p.body() != null) {
                headers.put("Content-Type", p.contentType());
            }
            headers.putAll(p.headers());
            byte[] body = p.body() == null ? null : replace(p.body(), TEAM.getBytes(StandardCharsets.UTF_8),
                    world.team().getBytes(StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            RawHttp.Response r = raw().send(p.route().method(), target, headers, body);
            long t1 = System.nanoTime();
            sent++;
            statuses.merge(r.status(), 1, Integer::sum);
            String problem = platformRejected(target) ? (r.status() == 400 ? null : "expected the platform's 400") : problemIn(r);
            if (p.kind().equals("authorization") && r.status() != 401) {
                problem = "expected 401 for a bad Authorization header";
            }
            Map<String, String> after = snapshot.take(world.team());
            httpNanos += t1 - t0;
            rowsNanos += System.nanoTime() - t1;
            boolean success = r.status() >= 200 && r.status() < 300;
            List<String> changed = RowSnapshot.diff(rows, after);
            if (!success && !changed.isEmpty()) {
                problem = (problem == null ? "" : problem + "; ") + "rejected with " + r.status() + " but changed rows " + changed;
            }
            trace.append(r.status()).append('\t').append((t1 - t0) / 1_000_000).append('\t').append(p.route()).append('\t')
                    .append(p.kind()).append(": ").append(p.label()).append('\t')
                    .append(RawHttp.abbreviated(r.body().replaceAll("\\s+", " "))).append('\n');
            if (problem != null) {
                failures.add(who + " " + p + " → " + r.status() + " " + r.header("content-type") + ": " + problem + " | "
                        + RawHttp.abbreviated(r.body()));
            }
            if (success && p.route().method().equals("DELETE")) {
                fresh(); // later probes address what the request deleted
            } else {
                rows = after;
            }
        }
    }

    /** {@code data} with every occurrence of {@code from} replaced by {@code to}. */
    static byte[] replace(byte[] data, byte[] from, byte[] to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int i = 0;
        outer:
        while (i < data.length) {
            if (i <= data.length - from.length) {
                for (int j = 0; j < from.length; j++) {
                    if (data[i + j] != from[j]) {
                        out.write(data[i++]);
                        continue outer;
                    }
                }
                out.writeBytes(to);
                i += from.length;
            } else {
                out.write(data[i++]);
            }
        }
        return out.toByteArray();
    }

    private RawHttp raw() {
        return new RawHttp(base.getHost(), base.getPort());
    }

    private static Map<String, String> headers(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "hostile-input-test");
        return headers;
    }

    /**
     * Whether Quarkus's HTTP layer refuses {@code target} with a bare 400 before any application code runs: it is not an
     * RFC 3986 URI (a malformed percent-escape). See {@link #whatThePlatformRejectsBeforeTheApplicationChangesNothing}.
     */
    static boolean platformRejected(String target) {
        try {
            new URI(target);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /** Why {@code r} is not an acceptable answer, or null when it is. */
    static String problemIn(RawHttp.Response r) {
        if (r.status() >= 500) {
            return "server error";
        }
        if (r.status() < 400) {
            return null;
        }
        String type = r.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "a 4xx that is not application/problem+json";
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            if (body == null || !body.isObject()) {
                return "problem body is not a JSON object";
            }
            if (body.path("status").asInt() != r.status()) {
                return "problem status " + body.path("status") + " differs from the HTTP status";
            }
            if (!body.path("title").isTextual() || body.path("title").asText().isBlank()) {
                return "problem without title";
            }
            if (!body.path("detail").isTextual()) {
                return "problem without detail";
            }
            return null;
        } catch (IOException e) {
            return "problem body is not JSON";
        }
    }

    private static void assertProblem(RawHttp.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        String problem = problemIn(r);
        assertEquals(null, problem, problem + ": " + r.headers() + " " + r.body());
    }

    /** {@code json} with the field at dotted {@code path} replaced by the JSON text {@code value} (created when absent). */
    static String withField(String json, String path, String value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(json);
            ObjectNode node = root;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (!(child instanceof ObjectNode)) {
                    child = node.putObject(parts[i]);
                }
                node = (ObjectNode) child;
            }
            node.put(parts[parts.length - 1], MARK);
            return JSON.writeValueAsString(root).replace("\"" + MARK + "\"", value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
