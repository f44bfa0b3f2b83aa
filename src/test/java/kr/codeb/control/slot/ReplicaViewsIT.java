package kr.codeb.control.slot;

import static kr.codeb.control.support.Replicas.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.codeb.control.support.Replicas;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one database (issue 10, SPEC §7 "Several replicas"): B answers slot reads from its memory
 * views, and a promote, a freeze, a key revocation and a project delete made through A are seen on B within 1 s
 * (a revocation within 5 s); after that B never answers the old state again.
 */
class ReplicaViewsIT {

    private static final Path DB_ROOT = Path.of("target", "it-views-postgres");
    private static final int A = 18_211;
    private static final int B = 18_212;
    /** How long B is watched after it has shown a change, answering nothing older. */
    private static final long STAYS_MS = 1_500;

    private Replicas replicas;

    @Test
    void changesMadeThroughOneReplicaReachTheOthersMemoryAtOnce() throws Exception {
        try (Replicas r = Replicas.onFreshDatabase(DB_ROOT, "views")) {
            replicas = r;
            Process a = r.launch(A);
            Process b = r.launch(B);
            r.awaitReady(A, a);
            r.awaitReady(B, b);
            String slug = "views-" + System.nanoTime();
            String team = new JsonObject(ok(r.send(A, "POST", "/api/v1/teams", "{\"name\":\"Views\",\"slug\":\"" + slug
                    + "\",\"owner\":\"o@x.io\"}", null))).getString("id");
            String project = "p" + slug;
            ok(r.send(A, "POST", "/api/v1/projects", "{\"name\":\"" + project + "\",\"teamId\":\"" + team + "\"}", null));
            JsonObject reader = key(team, "reader");
            JsonObject other = key(team, "other");
            String env = "/api/v1/projects/" + project + "/environments/production";
            String slot = env + "/slot";
            release(env, "1.0.0", 4101);

            // B serves the read from memory: its hit counters grow while the answers stay right
            double slotHits = hits("slots");
            double keyHits = hits("api-keys");
            for (int i = 0; i < 50; i++) {
                assertEquals("1.0.0", activeVersion(read(slot, reader)));
            }
            assertTrue(hits("slots") >= slotHits + 40, "B's slot reads come from memory");
            assertTrue(hits("api-keys") >= keyHits + 40, "B's key verifications come from memory");

            release(env, "2.0.0", 4102);
            long promote = seen("the promote", 1_000, slot, reader, res -> "2.0.0".equals(activeVersion(res)));

            ok(r.send(A, "POST", env + "/freeze", "{\"message\":\"release train\"}", null));
            long freeze = seen("the freeze", 1_000, slot, reader, res -> res.statusCode() == 200
                    && new JsonObject(res.body()).getJsonObject("frozen") != null);

            ok(r.send(A, "DELETE", "/api/v1/teams/" + team + "/api-keys/" + reader.getString("id"), null, null));
            long revoke = seen("the revocation", 5_000, slot, reader, res -> res.statusCode() == 401);

            assertEquals("2.0.0", activeVersion(read(slot, other)));
            ok(r.send(A, "DELETE", "/api/v1/projects/" + project, null, null));
            long delete = seen("the project delete", 1_000, slot, other, res -> res.statusCode() == 404);
            System.out.printf("seen on B after: promote %d ms, freeze %d ms, revocation %d ms, project delete %d ms%n",
                    promote, freeze, revoke, delete);
        }
    }

    /**
     * Polls B from the moment A answered until {@code changed} holds (failing after {@code limitMs}), then watches it
     * for {@link #STAYS_MS}: every answer must still show the change. Returns how long B took.
     */
    private long seen(String what, long limitMs, String path, JsonObject key, Predicate<HttpResponse<String>> changed) throws IOException {
        long start = System.nanoTime();
        while (!changed.test(raw(path, key))) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms <= limitMs, () -> "B did not show " + what + " within " + limitMs + " ms");
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        long end = System.nanoTime() + STAYS_MS * 1_000_000;
        while (System.nanoTime() < end) {
            HttpResponse<String> res = raw(path, key);
            assertTrue(changed.test(res), () -> "B answered the state before " + what + " again: " + res.statusCode() + " " + res.body());
        }
        return took;
    }

    private JsonObject key(String team, String name) throws IOException {
        return new JsonObject(ok(replicas.send(A, "POST", "/api/v1/teams/" + team + "/api-keys",
                "{\"name\":\"" + name + "\",\"role\":\"member\"}", null)));
    }

    /** Deploys {@code version} through A, reports it successful and promotes it. */
    private void release(String env, String version, int port) throws IOException {
        String id = new JsonObject(ok(replicas.send(A, "POST", env + "/deployments", "{\"version\":\"" + version
                + "\",\"image\":\"app:" + version + "\",\"port\":" + port + "}", null))).getJsonObject("deployment").getString("id");
        ok(replicas.send(A, "PATCH", "/api/v1/deployments/" + id, "{\"status\":\"success\"}", null));
        ok(replicas.send(A, "POST", env + "/promote", "", null));
    }

    private HttpResponse<String> raw(String path, JsonObject key) throws IOException {
        return replicas.send(B, "GET", path, null, key.getString("key"));
    }

    private HttpResponse<String> read(String path, JsonObject key) throws IOException {
        HttpResponse<String> res = raw(path, key);
        ok(res);
        return res;
    }

    private static String activeVersion(HttpResponse<String> res) {
        if (res.statusCode() != 200) {
            return null;
        }
        JsonObject view = new JsonObject(res.body());
        return view.getJsonObject(view.getString("activeSlot")).getString("version");
    }

    /** B's {@code codeb_cache_lookups_total} hits of {@code cache}. */
    private double hits(String cache) throws IOException {
        String metrics = replicas.send(B, "GET", "/q/metrics", null, null).body();
        Matcher m = Pattern.compile("^codeb_cache_lookups_total\\{(?=[^}]*cache=\"" + Pattern.quote(cache) + "\")(?=[^}]*result=\"hit\")"
                + "[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
