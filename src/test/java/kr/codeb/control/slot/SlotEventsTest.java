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
}
