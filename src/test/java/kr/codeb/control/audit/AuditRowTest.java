package kr.codeb.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class AuditRowTest {

    @Test
    void textsAreCutToTheirColumnsAndCleanedOfNul() {
        AuditRow row = new AuditRow("aud_x", OffsetDateTime.now(), "t".repeat(40), null, null, "r".repeat(30),
                "a".repeat(150), "/api/" + "p".repeat(200), null, null, false, -5, "1".repeat(60),
                "agent\u0000" + "u".repeat(2000), "e".repeat(5000));
        assertEquals(32, row.teamId().length());
        assertEquals(20, row.role().length());
        assertEquals(100, row.action().length());
        assertEquals(100, row.resource().length());
        assertEquals(45, row.ip().length());
        assertEquals(AuditRow.MAX_USER_AGENT, row.userAgent().length());
        assertEquals("agent", row.userAgent().substring(0, 5));
        assertEquals(AuditRow.MAX_ERROR, row.error().length());
        assertEquals(0, row.duration());
        assertNull(row.keyId());
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "a".repeat(31) + "\uD83D\uDE00";
        assertEquals("a".repeat(31), AuditRow.fit(text, 32));
    }

    @Test
    void unroutedRequestsGetAnActionFromTheirStatus() {
        assertEquals("auth.rejected", AuditLog.unroutedAction(401, "GET"));
        assertEquals("auth.rate_limited", AuditLog.unroutedAction(429, "GET"));
        assertEquals("route.unknown", AuditLog.unroutedAction(404, "DELETE"));
        assertEquals("request.too_large", AuditLog.unroutedAction(413, "POST"));
        assertEquals("request.uri_too_long", AuditLog.unroutedAction(414, "GET"));
        assertEquals("request.headers_too_large", AuditLog.unroutedAction(431, "GET"));
        assertEquals("http.post", AuditLog.unroutedAction(400, "POST"));
    }

    @Test
    void theClientIsThePeerAddressTheHttpLayerResolved() {
        assertEquals("203.0.113.9", kr.codeb.control.common.web.HttpEdge.clientIp(io.vertx.core.net.SocketAddress.inetSocketAddress(443, "203.0.113.9")));
        assertNull(kr.codeb.control.common.web.HttpEdge.clientIp(null));
    }
}
