package kr.codeb.control.webhook;

import java.util.List;
import java.util.Set;

/** The event names of SPEC §10 a webhook can subscribe to, and which of them a team's Slack and Discord also get. */
final class EventTypes {

    /** Subscribes to every event, including those added later. */
    static final String ALL = "*";

    static final List<String> NAMES = List.of(
            "deployment.created", "deployment.queued", "deployment.running", "deployment.succeeded", "deployment.failed",
            "deployment.cancelled", "deployment.promotion_blocked", "slot.promoted", "slot.rolled_back", "slot.grace_expired", "promotion.requested",
            "promotion.approved", "promotion.rejected", "environment.frozen", "environment.unfrozen", "variables.changed",
            "domain.changed", "proxy.sync_failed", "webhook.ping", "webhook.disabled");

    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    private EventTypes() {
    }

    static boolean known(String name) {
        return KNOWN.contains(name);
    }

    /** SPEC §10: deployment, slot and promotion events are also posted to the team's Slack and Discord. */
    static boolean notifiesTeam(String type) {
        return type.startsWith("deployment.") || type.startsWith("slot.") || type.startsWith("promotion.");
    }
}
