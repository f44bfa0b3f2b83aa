package kr.codeb.control.slot;

import java.util.LinkedHashMap;
import java.util.Map;
import kr.codeb.control.common.problem.ApiException;
import kr.codeb.control.deployment.Deployment;

/** Shared pieces of every slot transition: If-Match, refusals as 409, and the before/after audit summary. */
public final class Transitions {

    private Transitions() {
    }

    /** 412 unless {@code ifMatch} (when given) names the stored state's ETag. */
    public static void checkIfMatch(StoredSlots stored, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = etag(stored);
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(current)) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The slots changed since you read them (ETag " + current + "); read them again");
    }

    public static String etag(StoredSlots stored) {
        return SlotView.of(stored.projectName(), stored.environment(), stored.pair(), stored.updatedAt(), null).etag();
    }

    public static ApiException refused(String why) {
        return ApiException.conflict(why);
    }

    public static ApiException frozen(Freeze f, String what) {
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("message", f.message());
        frozen.put("by", f.by());
        frozen.put("since", f.since() == null ? null : f.since().toString());
        frozen.put("until", f.until() == null ? null : f.until().toString());
        return ApiException.conflict("The environment is frozen by " + f.by() + (f.until() == null ? "" : " until " + f.until())
                + ": " + f.message() + "; " + what + " is refused until it is unfrozen (rollback stays allowed)", Map.of("frozen", frozen));
    }

    public static ApiException deployLock(Deployment holder) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", holder.id());
        h.put("version", holder.version());
        h.put("deployedBy", holder.deployedBy());
        h.put("status", holder.status());
        h.put("since", holder.createdAt() == null ? null : holder.createdAt().toString());
        return ApiException.conflict("Deployment " + holder.id() + " (version " + holder.version() + " by " + holder.deployedBy()
                + ") is " + holder.status() + " since " + holder.createdAt() + "; report its outcome before deploying again",
                Map.of("holder", h));
    }

    /** {@code {"activeSlot": …, "blue": state, "green": state, "graceExpiresAt": …}} for the audit row. */
    public static Map<String, Object> summary(SlotPair p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeSlot", p.activeSlot().wire());
        m.put("blue", p.blue().state().wire());
        m.put("green", p.green().state().wire());
        m.put("graceExpiresAt", p.graceExpiresAt() == null ? null : p.graceExpiresAt().toString());
        return m;
    }

    public static Map<String, Object> auditParams(String env, SlotPair before, SlotPair after, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", env);
        if (extra != null) {
            m.putAll(extra);
        }
        m.put("before", summary(before));
        m.put("after", summary(after));
        return m;
    }
}
