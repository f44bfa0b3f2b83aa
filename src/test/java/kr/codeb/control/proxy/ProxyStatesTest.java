package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import kr.codeb.control.common.edge.ProxyState;
import org.junit.jupiter.api.Test;

class ProxyStatesTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T00:01:00Z");

    @Test
    void noDomainsIsNothingToRoute() {
        assertEquals(new ProxyState("synced", null, null, null), ProxyStates.combine(List.of()));
    }

    @Test
    void theWorstStatusTheLatestRouteAndTheFirstErrorWin() {
        ProxyState combined = ProxyStates.combine(List.of(new ProxyState("synced", 3000, T1, null),
                new ProxyState("error", 3001, T2, "Caddy's admin API is unreachable"), new ProxyState("pending", null, null, null)));
        assertEquals(new ProxyState("error", 3001, T2, "Caddy's admin API is unreachable"), combined);
        assertEquals("pending", ProxyStates.combine(List.of(new ProxyState("synced", 1, T1, null), new ProxyState("pending", 1, T1, null))).status());
    }
}
