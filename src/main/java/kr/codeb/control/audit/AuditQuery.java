package kr.codeb.control.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of {@code GET /audit-logs}, each null when absent, and the SQL condition they make. Only the fixed
 * fragments below become SQL; every value travels as a {@code $n} parameter.
 */
public record AuditQuery(String teamId, String action, String resource, String resourceId, Boolean success,
        OffsetDateTime since, OffsetDateTime until) {

    /** A WHERE clause (possibly empty) and its parameters, numbered from {@code $1}. */
    public record Where(String sql, List<Object> args) {
    }

    /** The condition for this filter, plus the keyset condition "strictly after (timestamp, id)" when given. */
    public Where where(OffsetDateTime afterTimestamp, String afterId) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        add(conditions, args, "team_id = $", teamId);
        add(conditions, args, "action = $", action);
        add(conditions, args, "resource = $", resource);
        add(conditions, args, "resource_id = $", resourceId);
        add(conditions, args, "success = $", success);
        add(conditions, args, "timestamp >= $", since);
        add(conditions, args, "timestamp < $", until);
        if (afterTimestamp != null) {
            args.add(afterTimestamp);
            args.add(afterId);
            // newest first: the next page holds what sorts after the cursor in (timestamp DESC, id DESC)
            conditions.add("(timestamp, id) < ($" + (args.size() - 1) + ", $" + args.size() + ")");
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
    }

    private static void add(List<String> conditions, List<Object> args, String fragment, Object value) {
        if (value != null) {
            args.add(value);
            conditions.add(fragment + args.size());
        }
    }
}
