package kr.codeb.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import kr.codeb.control.common.problem.ApiException;
import org.junit.jupiter.api.Test;

/** What a PUT body becomes: SPEC §12 defaults for what it leaves out, and every invalid field named. */
class PolicyRequestTest {

    @Test
    void anEmptyBodyIsTheDefaultPolicy() {
        EnvironmentPolicy p = new PolicyRequest(null, null, null, null, null).toPolicy("app", "production");
        assertNull(p.healthCheck());
        assertNull(p.autoPromote());
        assertNull(p.autoRollback());
        assertEquals(0, p.requiredApprovals());
        assertTrue(p.preventSelfApproval());
    }

    @Test
    void aHealthCheckTakesTheDefaultsItLeavesOut() {
        EnvironmentPolicy p = new PolicyRequest(new PolicyRequest.Check(null, 10, null, null, 3), true, new PolicyRequest.Window(60), 2, false)
                .toPolicy("app", "production");
        assertEquals(new EnvironmentPolicy.HealthCheck("/health", 10, 2000, 2, 3), p.healthCheck());
        assertEquals(60, p.autoRollback().windowSeconds());
        assertEquals(2, p.requiredApprovals());
        assertEquals(false, p.preventSelfApproval());
    }

    @Test
    void theBoundsAreInclusiveAndEveryBadFieldIsNamed() {
        new PolicyRequest(new PolicyRequest.Check("/h", 1, 100, 1, 1), null, new PolicyRequest.Window(604800), 5, null).toPolicy("a", "staging");
        ApiException e = assertThrows(ApiException.class, () -> new PolicyRequest(new PolicyRequest.Check("/a b", 3601, 99, 0, 101), null,
                new PolicyRequest.Window(0), -1, null).toPolicy("a", "staging"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) e.extensions().get("errors");
        assertEquals(List.of("healthCheck.path", "healthCheck.intervalSeconds", "healthCheck.timeoutMs", "healthCheck.healthyAfter",
                "healthCheck.unhealthyAfter", "autoRollback.windowSeconds", "requiredApprovals"),
                errors.stream().map(m -> m.get("field")).toList());
    }
}
