package kr.codeb.control.support;

import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.UUID;
import kr.codeb.control.auth.ApiKeyFormat;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Ids;

/** Test data made over HTTP where the API allows, and keys minted straight into the real database. */
public final class Fixtures {

    /** The system key of the test profile ({@code %test.codeb.admin-key}). */
    public static final String SYSTEM_KEY = "test-admin-key-0123456789-abcdefghijklmnop";

    private static Pool standalone;
    private static Vertx standaloneVertx;

    private Fixtures() {
    }

    /** A request authenticated with {@code key}, sending JSON. */
    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    public static RequestSpecification asSystem() {
        return as(SYSTEM_KEY);
    }

    /** A short random suffix for unique names. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a team over HTTP and returns its id. */
    public static String newTeam() {
        String slug = "t-" + unique();
        return asSystem().body("{\"name\":\"Team " + slug + "\",\"slug\":\"" + slug + "\",\"owner\":\"owner@" + slug + ".test\"}")
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    /** Mints a key of {@code role} for {@code teamId} directly in the database and returns its plaintext. */
    public static String keyFor(String teamId, Role role) {
        return keyFor(teamId, role, null, null);
    }

    /** Mints a key with an optional rate limit and expiry (ISO-8601) and returns its plaintext. */
    public static String keyFor(String teamId, Role role, Integer requestsPerMinute, String expiresAt) {
        String key = ApiKeyFormat.generate(teamId, role);
        JsonObject limit = requestsPerMinute == null ? null : new JsonObject().put("requestsPerMinute", requestsPerMinute);
        pool().preparedQuery("INSERT INTO api_keys (id, key_hash, key_prefix, name, team_id, role, rate_limit, expires_at, created_by)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'fixtures')")
                .execute(Tuple.tuple(java.util.Arrays.asList(Ids.newId("key"), ApiKeyFormat.sha256Hex(key), ApiKeyFormat.prefix(key),
                        "test " + role.wire() + " key", teamId, role.wire(), limit,
                        expiresAt == null ? null : java.time.OffsetDateTime.parse(expiresAt))))
                .await().indefinitely();
        return key;
    }

    /** Creates a project of {@code teamId} directly in the database and returns its name. */
    public static String newProject(String teamId) {
        String name = "p-" + unique();
        pool().preparedQuery("INSERT INTO projects (name, team_id) VALUES ($1, $2)").execute(Tuple.of(name, teamId))
                .await().indefinitely();
        return name;
    }

    /** A team with one project and a key of each working role: where most HTTP tests start. */
    public record TeamProject(String team, String project, String viewer, String member, String admin) {

        /** The path of one of the project's environments, {@code /api/v1/projects/{name}/environments/{env}}. */
        public String env(String env) {
            return "/api/v1/projects/" + project + "/environments/" + env;
        }
    }

    public static TeamProject teamWithProject() {
        String team = newTeam();
        return new TeamProject(team, newProject(team), keyFor(team, Role.VIEWER), keyFor(team, Role.MEMBER), keyFor(team, Role.ADMIN));
    }

    /**
     * Releases {@code version} to the environment at {@code envPath} as {@code key}: deploy, report success, promote, each
     * checked for its status; returns the deployment's id. {@code port} may be null.
     */
    public static String release(String key, String envPath, String version, Integer port) {
        String id = as(key).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\""
                        + (port == null ? "" : ",\"port\":" + port) + "}")
                .post(envPath + "/deployments").then().statusCode(201).extract().path("deployment.id");
        as(key).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        as(key).post(envPath + "/promote").then().statusCode(200);
        return id;
    }

    /**
     * The application's reactive pool, for assertions that read the database directly; in an integration test, where
     * the application runs in a process of its own and there is no CDI container here, a pool of this JVM on the
     * application's database ({@link ItDatabase}).
     */
    public static Pool pool() {
        if (Arc.container() != null) {
            return Arc.container().instance(Pool.class).get();
        }
        synchronized (Fixtures.class) {
            if (standalone == null) {
                String url = System.getProperty(ItDatabase.URL);
                if (url == null) {
                    throw new IllegalStateException("no CDI container and no ItDatabase: annotate the *IT class with @WithTestResource(ItDatabase.class)");
                }
                standaloneVertx = Vertx.vertx();
                standalone = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                        .connectingTo(PgConnectOptions.fromUri(url).setUser(System.getProperty(ItDatabase.USER))
                                .setPassword(System.getProperty(ItDatabase.PASSWORD)))
                        .using(standaloneVertx).build();
            }
            return standalone;
        }
    }

    static synchronized void closeStandalonePool() {
        if (standalone != null) {
            standalone.closeAndAwait();
            standaloneVertx.closeAndAwait();
            standalone = null;
            standaloneVertx = null;
        }
    }
}
