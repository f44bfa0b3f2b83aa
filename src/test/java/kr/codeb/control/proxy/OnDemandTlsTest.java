package kr.codeb.control.proxy;

import static io.restassured.RestAssured.given;
import static kr.codeb.control.support.Fixtures.as;
import static kr.codeb.control.support.Fixtures.asSystem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import kr.codeb.control.support.CaddyProcess;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caddy started from the generated config, with on-demand TLS from its internal issuer and {@code ask} at
 * {@code /proxy/ask}: a certificate for a registered domain, none for another, none when the ask token is wrong.
 */
@QuarkusTest
@TestProfile(CaddyEdgeProfile.class)
class OnDemandTlsTest {

    private CaddyProcess caddy;

    @AfterEach
    void stop() {
        if (caddy != null) {
            caddy.stop();
        }
    }

    /** The generated config, with the internal issuer (no public CA is ever asked) and no change to the system trust store. */
    private static JsonObject generatedForTest(String askToken) {
        JsonObject config = new JsonObject(asSystem().get("/api/v1/proxy/caddy-config").then().statusCode(200).extract().asString());
        JsonObject automation = config.getJsonObject("apps").getJsonObject("tls").getJsonObject("automation");
        automation.getJsonArray("policies").getJsonObject(0).put("issuers", new JsonArray().add(new JsonObject().put("module", "internal")));
        if (askToken != null) {
            JsonObject onDemand = automation.getJsonObject("on_demand");
            onDemand.put("ask", onDemand.getString("ask").replace(CaddyEdgeProfile.ASK_TOKEN, askToken));
        }
        config.getJsonObject("apps").put("pki", new JsonObject().put("certificate_authorities", new JsonObject()
                .put("local", new JsonObject().put("install_trust", false))));
        return config;
    }

    private static String knownDomain() {
        Fixtures.TeamProject t = Fixtures.teamWithProject();
        String domain = Edge.newDomain();
        Edge.addDomain(t.admin(), t.project(), domain, "production");
        return domain;
    }

    /** The certificate Caddy presents for {@code sni}, or null when the handshake fails. */
    private static X509Certificate handshake(String sni) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                // the test checks which certificate Caddy presents, not who signed it (its own internal CA)
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress("127.0.0.1", CaddyEdgeProfile.TLS_PORT), 2000);
                s.setSoTimeout(10_000);
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(p);
                s.startHandshake();
                return (X509Certificate) s.getSession().getPeerCertificates()[0];
            }
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void handshakeForARegisteredDomainGetsItsCertificateAndAnUnknownOneNone() throws Exception {
        String domain = knownDomain();
        caddy = new CaddyProcess(CaddyEdgeProfile.ADMIN_PORT, "tls").start(generatedForTest(null));
        X509Certificate cert = handshake(domain);
        assertTrue(cert != null, "TLS handshake for a registered domain succeeds");
        assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> domain.equals(n.get(1))), "the certificate names " + domain);
        assertEquals(null, handshake("unknown-" + Fixtures.unique() + ".edge.test"), "no certificate for an unregistered domain");
    }

    @Test
    void aWrongAskTokenIsRefused() {
        String domain = knownDomain();
        caddy = new CaddyProcess(CaddyEdgeProfile.ADMIN_PORT, "tls-wrong-token").start(generatedForTest("wrong-token-0123456789abc"));
        assertEquals(null, handshake(domain), "Caddy with a wrong ask token gets no certificate");
        given().queryParam("domain", domain).queryParam("token", "wrong-token-0123456789abc").get("/proxy/ask").then().statusCode(401)
                .contentType("application/problem+json");
        given().queryParam("domain", domain).get("/proxy/ask").then().statusCode(401);
        given().queryParam("domain", domain).queryParam("token", CaddyEdgeProfile.ASK_TOKEN).get("/proxy/ask").then().statusCode(200)
                .body("domain", equalTo(domain));
        String basic = Base64.getEncoder().encodeToString(("caddy:" + CaddyEdgeProfile.ASK_TOKEN).getBytes());
        given().header("Authorization", "Basic " + basic).queryParam("domain", domain).get("/proxy/ask").then().statusCode(200);
    }

    @Test
    void generatedConfigNamesTheAdminEndpointTheServerAndTheAskUrlWithItsToken() {
        String body = asSystem().get("/api/v1/proxy/caddy-config").then().statusCode(200).extract().asString();
        JsonObject config = new JsonObject(body);
        assertEquals("127.0.0.1:" + CaddyEdgeProfile.ADMIN_PORT, config.getJsonObject("admin").getString("listen"));
        JsonObject server = config.getJsonObject("apps").getJsonObject("http").getJsonObject("servers").getJsonObject(CaddyEdgeProfile.SERVER);
        assertEquals(new JsonArray().add("127.0.0.1:" + CaddyEdgeProfile.TLS_PORT), server.getJsonArray("listen"));
        String ask = config.getJsonObject("apps").getJsonObject("tls").getJsonObject("automation").getJsonObject("on_demand").getString("ask");
        assertTrue(ask.endsWith("/proxy/ask?token=" + CaddyEdgeProfile.ASK_TOKEN), ask);
        assertTrue(ask.startsWith("http://localhost:"), "the request's own base URL: " + ask);
        assertFalse(server.getJsonArray("routes").stream().anyMatch(r -> !((JsonObject) r).getString("@id").startsWith("codeb-")));
        as(Fixtures.keyFor(Fixtures.newTeam(), kr.codeb.control.auth.Role.OWNER)).get("/api/v1/proxy/caddy-config").then().statusCode(403);
    }

    @Test
    void askAnswers400ForAnInvalidNameAnd404ForAnUnknownOne() {
        given().queryParam("token", CaddyEdgeProfile.ASK_TOKEN).queryParam("domain", "not a domain").get("/proxy/ask").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("token", CaddyEdgeProfile.ASK_TOKEN).get("/proxy/ask").then().statusCode(400);
        given().queryParam("token", CaddyEdgeProfile.ASK_TOKEN).queryParam("domain", "nobody-" + Fixtures.unique() + ".edge.test")
                .get("/proxy/ask").then().statusCode(404);
    }
}
