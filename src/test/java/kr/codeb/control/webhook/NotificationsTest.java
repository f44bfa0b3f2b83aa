package kr.codeb.control.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import kr.codeb.control.common.events.ChangeEvent;
import org.junit.jupiter.api.Test;

/** The one line a person reads in Slack or Discord, and what it escapes. */
class NotificationsTest {

    static ChangeEvent event(String type, Object... data) {
        return ChangeEvent.of(type, "team_x", "my-app", "production", "ci-key", data);
    }

    @Test
    void linesReadAsSpecTenShowsThem() {
        assertEquals("my-app production: v2 promoted (green) by ci-key", Notifications.line(event("slot.promoted", "version", "2", "slot", "green")));
        assertEquals("my-app production: rolled back to v1 (blue) by ci-key (automatic)",
                Notifications.line(event("slot.rolled_back", "version", "v1", "slot", "blue", "automatic", true)));
        assertEquals("my-app production: v3 deployment failed (blue): timed out",
                Notifications.line(event("deployment.failed", "version", "3", "slot", "blue", "reason", "timed out")));
        assertEquals("my-app production: rollback window of v1 (blue) expired",
                Notifications.line(event("slot.grace_expired", "version", "1", "slot", "blue")));
    }

    @Test
    void bodiesAreSlackAndDiscordShapedAndCannotMentionOrBreakTheLine() {
        ChangeEvent e = event("deployment.created", "version", "<!channel> @everyone\nx", "slot", "blue");
        assertEquals("my-app production: v&lt;!channel&gt; @everyone x deploying (blue) by ci-key",
                new JsonObject(Notifications.slack(e)).getString("text"));
        JsonObject discord = new JsonObject(Notifications.discord(e));
        assertEquals("my-app production: v<!channel> @everyone x deploying (blue) by ci-key", discord.getString("content"));
        assertEquals(0, discord.getJsonObject("allowed_mentions").getJsonArray("parse").size());
    }
}
