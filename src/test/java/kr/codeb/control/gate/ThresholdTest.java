package kr.codeb.control.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import kr.codeb.control.policy.EnvironmentPolicy;
import kr.codeb.control.slot.HealthStatus;
import org.junit.jupiter.api.Test;

/** When a probe streak changes a slot's health (SPEC §12: healthyAfter passes, unhealthyAfter failures in a row). */
class ThresholdTest {

    static final EnvironmentPolicy.HealthCheck CHECK = new EnvironmentPolicy.HealthCheck("/health", 5, 2000, 2, 3);

    @Test
    void passesInARowMakeItHealthy() {
        assertNull(HealthGate.crossed(CHECK, new SlotChecks.Streak(1, 0), HealthStatus.UNKNOWN));
        assertEquals(HealthStatus.HEALTHY, HealthGate.crossed(CHECK, new SlotChecks.Streak(2, 0), HealthStatus.UNKNOWN));
        assertEquals(HealthStatus.HEALTHY, HealthGate.crossed(CHECK, new SlotChecks.Streak(5, 0), HealthStatus.UNHEALTHY));
        assertNull(HealthGate.crossed(CHECK, new SlotChecks.Streak(9, 0), HealthStatus.HEALTHY));
    }

    @Test
    void failuresInARowMakeItUnhealthy() {
        assertNull(HealthGate.crossed(CHECK, new SlotChecks.Streak(0, 2), HealthStatus.HEALTHY));
        assertEquals(HealthStatus.UNHEALTHY, HealthGate.crossed(CHECK, new SlotChecks.Streak(0, 3), HealthStatus.HEALTHY));
        assertEquals(HealthStatus.UNHEALTHY, HealthGate.crossed(CHECK, new SlotChecks.Streak(0, 3), HealthStatus.UNKNOWN));
        assertNull(HealthGate.crossed(CHECK, new SlotChecks.Streak(0, 4), HealthStatus.UNHEALTHY));
    }
}
