package kr.codeb.control.proxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The routes the service owns in Caddy's server, and the admin-API calls that turn what Caddy has into what is desired.
 * Only routes whose {@code @id} starts with {@code codeb-} are ever changed or removed. Pure.
 */
public final class CaddyRoutes {

    public static final String PREFIX = "codeb-";

    /** One admin-API call: {@code method path} with {@code body} (null: none), for {@code domain} (null: several). */
    public record Op(String method, String path, Object body, String domain) {
    }

    private CaddyRoutes() {
    }

    /** The route of SPEC §9 for {@code domain} to {@code dial}. */
    public static JsonObject route(String domain, String dial) {
        return new JsonObject().put("@id", PREFIX + domain)
                .put("match", new JsonArray().add(new JsonObject().put("host", new JsonArray().add(domain))))
                .put("handle", new JsonArray().add(new JsonObject().put("handler", "reverse_proxy")
                        .put("upstreams", new JsonArray().add(new JsonObject().put("dial", dial)))))
                .put("terminal", true);
    }

    /** The domain an owned route is for, from its id; null for any other route. */
    public static String domainOf(Object route) {
        if (route instanceof JsonObject r && r.getValue("@id") instanceof String id && id.startsWith(PREFIX) && id.length() > PREFIX.length()) {
            return id.substring(PREFIX.length());
        }
        return null;
    }

    /**
     * Domain → dial of the owned routes in {@code current} that have exactly the shape of {@link #route} (null: the server
     * has no routes); a route of another shape maps to null, so that it is replaced.
     */
    public static SortedMap<String, String> applied(JsonArray current) {
        SortedMap<String, String> out = new TreeMap<>();
        if (current == null) {
            return out;
        }
        for (Object r : current) {
            String domain = domainOf(r);
            if (domain != null) {
                out.put(domain, dialIfOurs((JsonObject) r, domain));
            }
        }
        return out;
    }

    private static String dialIfOurs(JsonObject r, String domain) {
        try {
            String dial = r.getJsonArray("handle").getJsonObject(0).getJsonArray("upstreams").getJsonObject(0).getString("dial");
            return Dials.valid(dial) && r.equals(route(domain, dial)) ? dial : null;
        } catch (RuntimeException e) {
            // not the shape we write (someone edited it): treated as wrong, and replaced
            return null;
        }
    }

    /**
     * The calls that make the owned routes of domains in {@code scope} what {@code desired} says, in order: wrong routes
     * replaced in place, missing ones added before all others (a host-matched route must win over a catch-all of the
     * operator's), routes of domains that are no longer desired removed. Nothing outside the scope is touched.
     */
    public static List<Op> plan(String server, JsonArray current, Map<String, String> desired, Predicate<String> scope) {
        String routes = "/config/apps/http/servers/" + server + "/routes";
        Map<String, String> have = applied(current);
        List<Op> ops = new ArrayList<>();
        List<JsonObject> missing = new ArrayList<>();
        desired.forEach((domain, dial) -> {
            if (!scope.test(domain)) {
                return;
            }
            if (!have.containsKey(domain)) {
                missing.add(route(domain, dial));
            } else if (!dial.equals(have.get(domain))) {
                ops.add(new Op("PATCH", "/id/" + PREFIX + domain, route(domain, dial), domain));
            }
        });
        have.keySet().stream().filter(scope).filter(d -> !desired.containsKey(d))
                .forEach(d -> ops.add(new Op("DELETE", "/id/" + PREFIX + d, null, d)));
        if (missing.isEmpty()) {
            return ops;
        }
        if (current == null) {
            // the server has no routes array yet: create it with the missing ones
            ops.add(new Op("PUT", routes, new JsonArray(new ArrayList<>(missing)), null));
        } else if (current.isEmpty()) {
            // Caddy cannot insert at index 0 of an empty array: replace the empty array instead
            ops.add(new Op("PATCH", routes, new JsonArray(new ArrayList<>(missing)), null));
        } else {
            // PUT on an index inserts there; in reverse, so that the missing routes keep their name order at the front
            for (int i = missing.size() - 1; i >= 0; i--) {
                JsonObject r = missing.get(i);
                ops.add(new Op("PUT", routes + "/0", r, domainOf(r)));
            }
        }
        return ops;
    }
}
