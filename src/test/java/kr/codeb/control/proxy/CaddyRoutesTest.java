package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaddyRoutesTest {

    private static final String ROUTES = "/config/apps/http/servers/codeb/routes";
    private static final JsonObject FOREIGN = new JsonObject().put("@id", "operator")
            .put("handle", new JsonArray().add(new JsonObject().put("handler", "static_response")));
    private static final JsonObject NO_ID = new JsonObject().put("handle", new JsonArray());

    private static List<String> calls(JsonArray current, Map<String, String> desired, Set<String> scope) {
        return CaddyRoutes.plan("codeb", current, new TreeMap<>(desired), scope == null ? d -> true : scope::contains).stream()
                .map(op -> op.method() + " " + op.path()).toList();
    }

    @Test
    void theRouteHasTheShapeOfTheSpec() {
        assertEquals(new JsonObject("{\"@id\":\"codeb-a.example.com\",\"match\":[{\"host\":[\"a.example.com\"]}],\"handle\":[{\"handler\":"
                + "\"reverse_proxy\",\"upstreams\":[{\"dial\":\"127.0.0.1:3000\"}]}],\"terminal\":true}"), CaddyRoutes.route("a.example.com", "127.0.0.1:3000"));
    }

    @Test
    void nothingIsSentWhenCaddyHasWhatIsDesired() {
        JsonArray current = new JsonArray().add(CaddyRoutes.route("a.example.com", "127.0.0.1:3000")).add(FOREIGN).add(NO_ID);
        assertEquals(List.of(), calls(current, Map.of("a.example.com", "127.0.0.1:3000"), null));
    }

    @Test
    void aWrongDialOrAHandEditedRouteIsReplacedInPlace() {
        JsonObject edited = CaddyRoutes.route("b.example.com", "127.0.0.1:3000").put("terminal", false);
        JsonArray current = new JsonArray().add(CaddyRoutes.route("a.example.com", "127.0.0.1:3000")).add(edited);
        assertEquals(List.of("PATCH /id/codeb-a.example.com", "PATCH /id/codeb-b.example.com"),
                calls(current, Map.of("a.example.com", "127.0.0.1:3001", "b.example.com", "127.0.0.1:3000"), null));
    }

    @Test
    void missingRoutesGoFirstInNameOrderAndGoneOnesAreRemoved() {
        JsonArray current = new JsonArray().add(FOREIGN).add(CaddyRoutes.route("gone.example.com", "127.0.0.1:3000"));
        var ops = CaddyRoutes.plan("codeb", current, new TreeMap<>(Map.of("a.example.com", "127.0.0.1:1", "b.example.com", "127.0.0.1:2")), d -> true);
        assertEquals(List.of("DELETE /id/codeb-gone.example.com", "PUT " + ROUTES + "/0", "PUT " + ROUTES + "/0"),
                ops.stream().map(op -> op.method() + " " + op.path()).toList());
        // inserted in reverse at index 0, so that a comes before b
        assertEquals("b.example.com", ops.get(1).domain());
        assertEquals("a.example.com", ops.get(2).domain());
    }

    @Test
    void aServerWithoutRoutesGetsTheArrayWhole() {
        assertEquals(List.of("PUT " + ROUTES), calls(null, Map.of("a.example.com", "127.0.0.1:1"), null));
        assertEquals(List.of("PATCH " + ROUTES), calls(new JsonArray(), Map.of("a.example.com", "127.0.0.1:1"), null));
    }

    @Test
    void routesOutsideTheScopeAndRoutesWithoutTheCodebIdAreNeverTouched() {
        JsonArray current = new JsonArray().add(FOREIGN).add(NO_ID).add(CaddyRoutes.route("other.example.com", "127.0.0.1:9"))
                .add(new JsonObject().put("@id", "codeb"));
        assertEquals(List.of(), calls(current, Map.of(), Set.of("mine.example.com")));
        assertEquals(List.of("DELETE /id/codeb-other.example.com"), calls(current, Map.of(), null));
    }

    @Test
    void appliedReadsOnlyOwnedRoutes() {
        JsonArray current = new JsonArray().add(FOREIGN).add(CaddyRoutes.route("a.example.com", "127.0.0.1:1"))
                .add(new JsonObject().put("@id", "codeb-broken.example.com").put("handle", "nonsense"));
        var applied = CaddyRoutes.applied(current);
        assertEquals(Set.of("a.example.com", "broken.example.com"), applied.keySet());
        assertEquals("127.0.0.1:1", applied.get("a.example.com"));
        assertNull(applied.get("broken.example.com"));
        assertNull(CaddyRoutes.domainOf(FOREIGN));
        assertNull(CaddyRoutes.domainOf("not an object"));
    }
}
