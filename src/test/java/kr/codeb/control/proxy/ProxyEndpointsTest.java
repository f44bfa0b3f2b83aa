package kr.codeb.control.proxy;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.codeb.control.support.Await;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The edge endpoints with the sync off (no CODEB_CADDY_ADMIN_URL, no ask token): the default of every other test. */
@QuarkusTest
class ProxyEndpointsTest {

    @Test
    void withoutCaddyTheViewsSayOffAndNothingIsSynced() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        Fixtures.release(t.member(), t.env("production"), "1", 3000);
        as(t.viewer()).get(t.env("production") + "/slot").then().statusCode(200).body("proxy.status", equalTo("off"))
                .body("proxy.appliedPort", nullValue());
        as(t.viewer()).get("/api/v1/projects/" + t.project() + "/domains").then().body("items[0].proxy.status", equalTo("off"))
                .body("items[0].caddyConfigured", equalTo(false));
        asSystem().get("/api/v1/proxy/status").then().statusCode(200).body("enabled", equalTo(false))
                .body("domains.domain", hasItem(domain));
    }

    @Test
    void askNeedsNoKeyWithoutATokenAndKnowsRegisteredDomains() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "staging");
        given().queryParam("domain", domain.toUpperCase()).get("/proxy/ask").then().statusCode(200).body("domain", equalTo(domain))
                .body("status", equalTo("pending"));
        as(t.admin()).body("{\"status\":\"error\"}").patch("/api/v1/projects/" + t.project() + "/domains/" + domain).then().statusCode(200);
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(404).contentType("application/problem+json");
        as(t.admin()).body("{\"status\":\"active\"}").patch("/api/v1/projects/" + t.project() + "/domains/" + domain).then().statusCode(200);
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(200).body("status", equalTo("active"));
        as(t.admin()).delete("/api/v1/projects/" + t.project() + "/domains/" + domain).then().statusCode(204);
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(404);
        given().queryParam("domain", "a..b").get("/proxy/ask").then().statusCode(400).body("errors[0].field", equalTo("domain"));
    }

    @Test
    void askIsNotAuditedAndRoutesJsonMirrorsTheDomains() throws Exception {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(200);
        long rows = Fixtures.pool().preparedQuery("SELECT count(*) FROM audit_logs WHERE resource_id = $1 AND action NOT LIKE 'domain.%'")
                .execute(Tuple.of(domain)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, rows, "no audit row for an ask");
        Path file = Path.of("target/codeb-test/registry/routes.json");
        Await.until(() -> {
            try {
                return Files.exists(file) && Files.readString(file).contains(domain);
            } catch (java.io.IOException e) {
                return false;
            }
        }, 3000, "routes.json names the domain");
        JsonObject stored = new JsonObject(Files.readString(file));
        assertTrue(stored.getJsonArray("domains").stream().anyMatch(o -> domain.equals(((JsonObject) o).getString("domain"))
                && t.team().equals(((JsonObject) o).getString("teamId"))));
    }

    @Test
    void caddyConfigIsForSystemKeysAndHasNoTokenWhenNoneIsSet() {
        String team = Fixtures.newTeam();
        as(Fixtures.keyFor(team, kr.codeb.control.auth.Role.OWNER)).get("/api/v1/proxy/caddy-config").then().statusCode(403);
        given().get("/api/v1/proxy/caddy-config").then().statusCode(401);
        JsonObject c = new JsonObject(asSystem().get("/api/v1/proxy/caddy-config").then().statusCode(200).extract().asString());
        assertEquals("localhost:2019", c.getJsonObject("admin").getString("listen"));
        String ask = c.getJsonObject("apps").getJsonObject("tls").getJsonObject("automation").getJsonObject("on_demand").getString("ask");
        assertTrue(ask.endsWith("/proxy/ask"), ask);
        asSystem().get("/api/v1/proxy/status").then().body("domains.status", not(hasItem("error")));
    }

    @Test
    void askAnswersFromRoutesJsonWhenItIsReadAtStartUp() throws Exception {
        // a replica started while the database is down knows the domains only from the file
        String domain = "from-file-" + Fixtures.unique() + ".edge.test";
        Path file = Path.of("target/codeb-test/registry/routes.json");
        JsonObject stored = Files.exists(file) ? new JsonObject(Files.readString(file)) : new JsonObject().put("version", 1);
        stored.put("domains", stored.getJsonArray("domains", new io.vertx.core.json.JsonArray()).copy().add(new JsonObject()
                .put("domain", domain).put("teamId", "team_x").put("projectName", "p-x").put("environment", "production")
                .put("status", "active").put("port", 3000)));
        kr.codeb.control.common.files.AtomicFiles.writeAtomically(file, stored.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(404);
        io.quarkus.arc.Arc.container().instance(EdgeMemory.class).get().load();
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(200).body("status", equalTo("active"));
    }
}
