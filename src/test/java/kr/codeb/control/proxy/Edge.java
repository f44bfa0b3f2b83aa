package kr.codeb.control.proxy;

import static kr.codeb.control.support.Fixtures.as;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import kr.codeb.control.support.CaddyProcess;
import kr.codeb.control.support.EdgeClient;
import kr.codeb.control.support.Fixtures;

/** What the edge tests share: domains, deploys, Caddy's routes as read from its admin API, waiting for traffic. */
final class Edge {

    /** What the blue and green {@link kr.codeb.control.support.SlotApp} answer (in their default, healthy mode). */
    static final String BLUE = "blue healthy";
    static final String GREEN = "green healthy";

    private Edge() {
    }

    static String newDomain() {
        return "d-" + Fixtures.unique() + ".edge.test";
    }

    /** Adds {@code domain} (custom) to {@code env} of {@code project} as {@code adminKey}; checks the 201. */
    static void addDomain(String adminKey, String project, String domain, String env) {
        as(adminKey).body("{\"domain\":\"" + domain + "\",\"environment\":\"" + env + "\",\"type\":\"custom\"}")
                .post("/api/v1/projects/" + project + "/domains").then().statusCode(201);
    }

    /** Deploys {@code version} on {@code port} and reports success; answers the deployment id. */
    static String deployed(String key, String envPath, String version, int port) {
        String id = as(key).body("{\"version\":\"" + version + "\",\"image\":\"app:" + version + "\",\"port\":" + port + "}")
                .post(envPath + "/deployments").then().statusCode(201).extract().path("deployment.id");
        as(key).body("{\"status\":\"success\"}").patch("/api/v1/deployments/" + id).then().statusCode(200);
        return id;
    }

    /** Caddy's route with id {@code codeb-<domain>}, or null. */
    static JsonObject route(CaddyProcess caddy, String domain) {
        String text = caddy.adminGet("/config/apps/http/servers/" + CaddyEdgeProfile.SERVER + "/routes");
        if (text == null || text.trim().equals("null")) {
            return null;
        }
        for (Object r : new JsonArray(text)) {
            if (("codeb-" + domain).equals(((JsonObject) r).getString("@id"))) {
                return (JsonObject) r;
            }
        }
        return null;
    }

    static JsonArray routes(CaddyProcess caddy) {
        String text = caddy.adminGet("/config/apps/http/servers/" + CaddyEdgeProfile.SERVER + "/routes");
        return text == null || text.trim().equals("null") ? new JsonArray() : new JsonArray(text);
    }

    /** The dial of the route of {@code domain}, or null. */
    static String dial(CaddyProcess caddy, String domain) {
        JsonObject r = route(caddy, domain);
        return r == null ? null : r.getJsonArray("handle").getJsonObject(0).getJsonArray("upstreams").getJsonObject(0).getString("dial");
    }

    /** Polls through Caddy until {@code host} answers {@code body}; answers the milliseconds it took, or -1 past {@code timeoutMs}. */
    static long msUntil(EdgeClient client, String host, String body, long timeoutMs) {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 <= timeoutMs) {
            if (client.get(host).ok(body)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    static Boolean caddyConfigured(String domain) {
        var rows = Fixtures.pool().preparedQuery("SELECT caddy_configured FROM domains WHERE domain = $1").execute(Tuple.of(domain))
                .await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getBoolean(0) : null;
    }

    /** The base config of the traffic tests: plain HTTP, plus two routes of the operator's that the sync must never touch. */
    static JsonObject baseConfig() {
        JsonArray foreign = new JsonArray()
                .add(new JsonObject().put("@id", "operator-static").put("match", new JsonArray().add(new JsonObject().put("host",
                        new JsonArray().add("operator.edge.test")))).put("handle", new JsonArray().add(new JsonObject()
                        .put("handler", "static_response").put("body", "operator"))))
                .add(new JsonObject().put("match", new JsonArray().add(new JsonObject().put("host", new JsonArray().add("noid.edge.test"))))
                        .put("handle", new JsonArray().add(new JsonObject().put("handler", "static_response").put("body", "no id"))));
        return CaddyProcess.plainHttp(CaddyEdgeProfile.ADMIN_PORT, CaddyEdgeProfile.SERVER, CaddyEdgeProfile.HTTP_PORT, foreign);
    }
}
