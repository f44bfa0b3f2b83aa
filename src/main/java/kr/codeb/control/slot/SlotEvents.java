package kr.codeb.control.slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.events.ChangeEvent;

/**
 * The events (SPEC §10) of one transition of the slot pipeline, read from what the pipeline already knows: the audit
 * action names the operation, its params carry the deployment, status and side. Every source that goes through
 * {@link SlotChanges} (requests, auto-promote, sweeps, journal replay) gets its events here and nowhere else. Pure.
 */
final class SlotEvents {

    private SlotEvents() {
    }

    /** What happened, as the pipeline saw it. {@code result} is the decision; its target may be null. */
    record Transition(String action, String resourceId, String team, String project, String environment, String actor,
            SlotMachine.Result result, Map<String, Object> params) {
    }

    static List<ChangeEvent> of(Transition t) {
        List<ChangeEvent> out = new ArrayList<>(2);
        Map<String, Object> p = t.params();
        switch (t.action()) {
            case "deployment.create" -> {
                if (Boolean.TRUE.equals(p.get("queued"))) {
                    ended(t, p.get("superseded"), "superseded", out);
                    out.add(event(t, "deployment.queued", p.get("deploymentId"), p.get("version"), null, "position", p.get("position"),
                            "blockedBy", p.get("blockedBy")));
                } else {
                    out.add(event(t, "deployment.created", p.get("deploymentId"), p.get("version"), p.get("slot")));
                }
            }
            case "deployment.cancel", "deploy_lock.release" -> out.add(event(t, "deployment.cancelled", p.get("deploymentId"),
                    p.get("version"), p.get("deploymentSlot"), "reason", p.get("reason")));
            case "deployment.queue" -> {
                // an expired wait ends the deployment before it started: for receivers, a cancellation by the queue
                ended(t, p.get("expired"), "expired", out);
            }
            case "deployment.update_status" -> {
                String type = switch (String.valueOf(p.get("to"))) {
                    case "running" -> "deployment.running";
                    case "success" -> "deployment.succeeded";
                    case "failed" -> "deployment.failed";
                    default -> null;
                };
                if (type != null) {
                    out.add(event(t, type, t.resourceId(), p.get("version"), p.get("deploymentSlot")));
                }
                if (Boolean.TRUE.equals(p.get("autoPromote")) && t.result().target() != null) {
                    out.add(promoted(t, t.resourceId(), true));
                }
            }
            case "deployment.timed_out" -> out.add(event(t, "deployment.failed", t.resourceId(), p.get("version"), p.get("deploymentSlot"),
                    "reason", "timed out"));
            case "slot.promote" -> out.add(promoted(t, p.get("deploymentId"), Boolean.TRUE.equals(p.get("automatic"))));
            case "slot.rollback" -> {
                boolean automatic = Boolean.TRUE.equals(p.get("automatic"));
                out.add(event(t, "slot.rolled_back", null, versionOnTarget(t), side(t), "automatic", automatic,
                        "rolledBackDeploymentId", p.get("rolledBackDeploymentId")));
                if (p.get("newEnvVersion") != null) {
                    out.add(ChangeEvent.of("variables.changed", t.team(), t.project(), t.environment(), t.actor(),
                            "envVersion", p.get("newEnvVersion"), "keys", p.get("variableNames"), "restoredVersion", p.get("restoredEnvVersion")));
                }
            }
            case "slot.grace_expired" -> out.add(event(t, "slot.grace_expired", null, p.get("version"), side(t)));
            default -> {
                // health reports and anything else that is not an event of SPEC §10
            }
        }
        // a transition that released the deploy lock may have started the next queued deployment: it is created now
        if (p.get("started") instanceof Map<?, ?> started) {
            out.add(event(t, "deployment.created", started.get("deploymentId"), started.get("version"), started.get("slot")));
        }
        return out;
    }

    /** One {@code deployment.cancelled} for each of {@code ended} (maps of deploymentId and version), with {@code reason}. */
    private static void ended(Transition t, Object ended, String reason, List<ChangeEvent> out) {
        if (ended instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> d) {
                    out.add(event(t, "deployment.cancelled", d.get("deploymentId"), d.get("version"), null, "reason", reason));
                }
            }
        }
    }

    private static ChangeEvent promoted(Transition t, Object deploymentId, boolean automatic) {
        return event(t, "slot.promoted", deploymentId, versionOnTarget(t), side(t), "automatic", automatic);
    }

    private static ChangeEvent event(Transition t, String type, Object deploymentId, Object version, Object slot, Object... more) {
        Object[] pairs = new Object[6 + more.length];
        pairs[0] = "deploymentId";
        pairs[1] = deploymentId;
        pairs[2] = "version";
        pairs[3] = version == null ? null : String.valueOf(version);
        pairs[4] = "slot";
        pairs[5] = slot;
        System.arraycopy(more, 0, pairs, 6, more.length);
        return ChangeEvent.of(type, t.team(), t.project(), t.environment(), t.actor(), pairs);
    }

    private static String side(Transition t) {
        return t.result().target() == null ? null : t.result().target().wire();
    }

    private static String versionOnTarget(Transition t) {
        return t.result().target() == null ? null : t.result().pair().get(t.result().target()).version();
    }
}
