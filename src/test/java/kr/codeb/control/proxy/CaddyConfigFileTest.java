package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaddyConfigFileTest {

    @Test
    void aCompleteConfigWithAdminServerRoutesAndOnDemandTls() {
        JsonObject c = CaddyConfigFile.build("http://127.0.0.1:2019", "codeb", List.of(":443"),
                new TreeMap<>(Map.of("a.example.com", "127.0.0.1:3000")), "https://cp.example.com", "tok-0123456789abcdef");
        assertEquals("127.0.0.1:2019", c.getJsonObject("admin").getString("listen"));
        JsonObject server = c.getJsonObject("apps").getJsonObject("http").getJsonObject("servers").getJsonObject("codeb");
        assertEquals(new JsonArray().add(":443"), server.getJsonArray("listen"));
        assertEquals(new JsonArray().add(CaddyRoutes.route("a.example.com", "127.0.0.1:3000")), server.getJsonArray("routes"));
        JsonObject automation = c.getJsonObject("apps").getJsonObject("tls").getJsonObject("automation");
        assertEquals("https://cp.example.com/proxy/ask?token=tok-0123456789abcdef", automation.getJsonObject("on_demand").getString("ask"));
        assertEquals(true, automation.getJsonArray("policies").getJsonObject(0).getBoolean("on_demand"));
    }

    @Test
    void withoutTokenOrAdminUrlTheDefaultsApply() {
        JsonObject c = CaddyConfigFile.build(null, "edge", List.of("127.0.0.1:8443", "[::1]:8443"), Map.of(), "http://localhost:8080", null);
        assertEquals(CaddyConfigFile.DEFAULT_ADMIN, c.getJsonObject("admin").getString("listen"));
        assertEquals("http://localhost:8080/proxy/ask",
                c.getJsonObject("apps").getJsonObject("tls").getJsonObject("automation").getJsonObject("on_demand").getString("ask"));
        assertEquals(2, c.getJsonObject("apps").getJsonObject("http").getJsonObject("servers").getJsonObject("edge").getJsonArray("listen").size());
    }

    @Test
    void theAdminListenAddressComesFromTheAdminUrl() {
        assertEquals("caddy.internal:2019", CaddyConfigFile.adminListen("http://caddy.internal:2019"));
        assertEquals("caddy.internal:80", CaddyConfigFile.adminListen("http://caddy.internal"));
        assertEquals("caddy.internal:443", CaddyConfigFile.adminListen("https://caddy.internal"));
    }
}
