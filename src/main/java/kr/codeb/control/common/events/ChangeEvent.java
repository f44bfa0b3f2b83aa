package kr.codeb.control.common.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a committed change tells the outside (SPEC §10 events): its type ({@code slot.promoted}), the team, the project
 * environment it concerns (either may be null), who did it, and the event's other fields ({@code deploymentId},
 * {@code version}, {@code slot}, …) in the order they are to be shown. Never carries a secret or an env value.
 */
public record ChangeEvent(String type, String teamId, String projectName, String environment, String actor, Map<String, Object> data) {

    public ChangeEvent {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** An event of {@code type} with {@code pairs} (name, value, name, value, …; null values are left out) as its data. */
    public static ChangeEvent of(String type, String teamId, String projectName, String environment, String actor, Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return new ChangeEvent(type, teamId, projectName, environment, actor, data);
    }
}
