package kr.codeb.control.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.events.ChangeEvent;
import org.junit.jupiter.api.Test;

/** The events the pipeline derives from each kind of transition; none for a health report. */
class SlotEventsTest {

    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");

    static List<ChangeEvent> of(String action, String resourceId, SlotMachine.Result r, Map<String, Object> params) {
        return SlotEvents.of(new SlotEvents.Transition(action, resourceId, "team_x", "app", "production", "ci", r, params));
    }

    static List<String> types(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::type).toList();
    }

    @Test
    void eachTransitionHasItsEvents() {
        SlotPair deployed = SlotMachine.deploy(SlotPair.fresh(), "1", "app:1", null, "ci", NOW).pair();
        SlotMachine.Result promote = SlotMachine.promote(deployed, true, NOW, Duration.ofHours(1));
        assertEquals(List.of("deployment.created"), types(of("deployment.create", "app",
                SlotMachine.deploy(SlotPair.fresh(), "1", "app:1", null, "ci", NOW), Map.of("deploymentId", "dep_1", "version", "1", "slot", "blue"))));
        assertEquals(List.of("deployment.running"), types(of("deployment.update_status", "dep_1", SlotMachine.unchanged(deployed),
                Map.of("to", "running", "version", "1", "deploymentSlot", "blue"))));
        List<ChangeEvent> auto = of("deployment.update_status", "dep_1", promote, Map.of("to", "success", "autoPromote", true, "version", "1"));
        assertEquals(List.of("deployment.succeeded", "slot.promoted"), types(auto));
        assertEquals(Map.of("deploymentId", "dep_1", "version", "1", "slot", "blue", "automatic", true), auto.get(1).data());
        assertEquals(List.of("deployment.succeeded"), types(of("deployment.update_status", "dep_1", SlotMachine.unchanged(deployed),
                Map.of("to", "success", "autoPromote", "skipped: environment frozen"))));
        assertEquals(List.of("deployment.failed"), types(of("deployment.timed_out", "dep_1", SlotMachine.unchanged(deployed), Map.of())));
        assertEquals(List.of("slot.promoted"), types(of("slot.promote", "app", promote, Map.of("deploymentId", "dep_1"))));
        SlotPair second = SlotMachine.promote(SlotMachine.deploy(promote.pair(), "2", "app:2", null, "ci", NOW).pair(), true, NOW,
                Duration.ofHours(1)).pair();
        List<ChangeEvent> back = of("slot.rollback", "app", SlotMachine.rollback(second), Map.of("newEnvVersion", 4, "variableNames", List.of("A")));
        assertEquals(List.of("slot.rolled_back", "variables.changed"), types(back));
        assertEquals("1", back.get(0).data().get("version"));
        assertEquals(false, back.get(0).data().get("automatic"));
        assertEquals(List.of("slot.grace_expired"), types(of("slot.grace_expired", "app/production",
                SlotMachine.expireGrace(second, NOW.plus(Duration.ofHours(2))), Map.of("version", "1"))));
        assertEquals(List.of(), types(of("slot.health", "app", SlotMachine.health(deployed, SlotColor.BLUE, HealthStatus.HEALTHY), Map.of())));
    }

    @Test
    void whatTheHealthGateDoesByItselfIsMarkedAutomatic() {
        SlotPair deployed = SlotMachine.deploy(SlotPair.fresh(), "1", "app:1", null, "ci", NOW).pair();
        SlotMachine.Result promote = SlotMachine.promote(deployed, true, NOW, Duration.ofHours(1));
        List<ChangeEvent> promoted = of("slot.promote", "app", promote, Map.of("deploymentId", "dep_1", "automatic", true));
        assertEquals(true, promoted.get(0).data().get("automatic"));
        SlotPair second = SlotMachine.promote(SlotMachine.deploy(promote.pair(), "2", "app:2", null, "ci", NOW).pair(), true, NOW,
                Duration.ofHours(1)).pair();
        List<ChangeEvent> back = of("slot.rollback", "app", SlotMachine.rollback(second),
                Map.of("reason", "automatic: green unhealthy", "automatic", true));
        assertEquals(List.of("slot.rolled_back"), types(back));
        assertEquals(true, back.get(0).data().get("automatic"));
        assertEquals("blue", back.get(0).data().get("slot"));
    }

    @Test
    void theReleaseFlowHasItsEvents() {
        SlotPair deployed = SlotMachine.deploy(SlotPair.fresh(), "1", "app:1", null, "ci", NOW).pair();
        SlotMachine.Result unchanged = SlotMachine.unchanged(deployed);
        List<ChangeEvent> queued = of("deployment.create", "app", unchanged, Map.of("deploymentId", "dep_3", "version", "3", "queued", true,
                "position", 1, "blockedBy", "dep_1", "superseded", List.of(Map.of("deploymentId", "dep_2", "version", "2"))));
        assertEquals(List.of("deployment.cancelled", "deployment.queued"), types(queued));
        assertEquals(Map.of("deploymentId", "dep_2", "version", "2", "reason", "superseded"), withoutNulls(queued.get(0).data()));
        assertEquals(1, queued.get(1).data().get("position"));
        assertEquals(List.of("deployment.cancelled"), types(of("deployment.cancel", "dep_1", unchanged,
                Map.of("deploymentId", "dep_1", "version", "1", "deploymentSlot", "blue", "reason", "wrong branch"))));
        assertEquals(List.of("deployment.cancelled"), types(of("deploy_lock.release", "app", unchanged, Map.of("deploymentId", "dep_1"))));
        assertEquals(List.of("deployment.cancelled", "deployment.cancelled"), types(of("deployment.queue", null, unchanged,
                Map.of("expired", List.of(Map.of("deploymentId", "dep_4", "version", "4"), Map.of("deploymentId", "dep_5", "version", "5"))))));
        List<ChangeEvent> releasedAndStarted = of("deployment.update_status", "dep_1", unchanged, Map.of("to", "failed", "version", "1",
                "started", Map.of("deploymentId", "dep_3", "slot", "blue", "version", "3")));
        assertEquals(List.of("deployment.failed", "deployment.created"), types(releasedAndStarted));
        assertEquals("dep_3", releasedAndStarted.get(1).data().get("deploymentId"));
    }

    private static Map<Object, Object> withoutNulls(Map<String, Object> m) {
        Map<Object, Object> out = new java.util.HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
