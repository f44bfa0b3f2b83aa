package kr.codeb.control.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import kr.codeb.control.common.events.ChangeEvent;

/**
 * The Slack and Discord bodies of an event (SPEC §10): one line a person reads, such as
 * {@code my-app production: v2 promoted (green) by ci-key}. Built only from the event's names, versions and actor: an
 * event never carries a secret or an env value, so neither can a line. Pure.
 */
final class Notifications {

    static final String SLACK = "slack";
    static final String DISCORD = "discord";

    private Notifications() {
    }

    /** Slack's incoming-webhook body; &, &lt; and &gt; escaped as Slack asks, so no text becomes a link or a mention. */
    static String slack(ChangeEvent e) {
        String line = line(e).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return new JsonObject().put("text", line).encode();
    }

    /** Discord's webhook body; mentions are switched off, so a version named {@code @everyone} pings nobody. */
    static String discord(ChangeEvent e) {
        return new JsonObject().put("content", line(e)).put("allowed_mentions", new JsonObject().put("parse", new JsonArray())).encode();
    }

    static String line(ChangeEvent e) {
        Map<String, Object> d = e.data();
        String where = e.projectName() == null ? "team " + e.teamId()
                : e.projectName() + (e.environment() == null ? "" : " " + e.environment());
        String version = version(d.get("version"));
        String slot = d.get("slot") == null ? "" : " (" + d.get("slot") + ")";
        String by = e.actor() == null ? "" : " by " + e.actor();
        String what = switch (e.type()) {
            case "deployment.created" -> version + " deploying" + slot + by;
            case "deployment.queued" -> version + " queued" + by;
            case "deployment.running" -> version + " deployment running" + slot;
            case "deployment.succeeded" -> version + " deployed" + slot;
            case "deployment.failed" -> version + " deployment failed" + slot + (d.get("reason") == null ? "" : ": " + d.get("reason"));
            case "deployment.cancelled" -> version + " deployment cancelled" + by;
            case "slot.promoted" -> version + " promoted" + slot + by + (Boolean.TRUE.equals(d.get("automatic")) ? " (auto-promote)" : "");
            case "slot.rolled_back" -> "rolled back to " + version + slot + by + (Boolean.TRUE.equals(d.get("automatic")) ? " (automatic)" : "");
            case "slot.grace_expired" -> "rollback window of " + version + slot + " expired";
            case "promotion.requested" -> version + " promotion requested" + by;
            case "promotion.approved" -> version + " promotion approved" + by;
            case "promotion.rejected" -> version + " promotion rejected" + by;
            default -> e.type() + by;
        };
        return flat(where + ": " + what.trim());
    }

    private static String version(Object v) {
        if (v == null) {
            return "a build";
        }
        String s = String.valueOf(v);
        return s.startsWith("v") || s.startsWith("V") ? s : "v" + s;
    }

    /** One line: control characters (a newline in a version, say) become spaces. */
    private static String flat(String s) {
        return s.replaceAll("\\p{Cntrl}", " ");
    }
}
