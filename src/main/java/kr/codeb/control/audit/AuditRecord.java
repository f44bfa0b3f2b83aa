package kr.codeb.control.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an audit row says was done: the action ({@code slot.promote}), the resource type and id, the team, and the
 * parameters (a request body or a map; secrets are redacted when the row is written). Immutable: a writer adds to it by
 * making a new record, so nothing handed over can change afterwards.
 */
public record AuditRecord(String action, String resource, String resourceId, String teamId, Object params) {

    public AuditRecord {
        if (params instanceof Map<?, ?> map) {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }

    /** The same record about another resource id. */
    public AuditRecord about(String id) {
        return new AuditRecord(action, resource, id, teamId, params);
    }

    /** The same record with other params. */
    public AuditRecord params(Object newParams) {
        return new AuditRecord(action, resource, resourceId, teamId, newParams);
    }

    /** The same record for another team (a system action found the owner). */
    public AuditRecord team(String team) {
        return new AuditRecord(action, resource, resourceId, team, params);
    }

    /** This record's map params followed by {@code more} (later keys win). Params that are a request body stay as they are. */
    public AuditRecord with(Map<String, ?> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        if (params != null && !(params instanceof Map<?, ?>)) {
            throw new IllegalStateException("cannot add to the params of " + action + ": they are a request body");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (params != null) {
            ((Map<?, ?>) params).forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        merged.putAll(more);
        return new AuditRecord(action, resource, resourceId, teamId, merged);
    }

    /** The params as a map (empty when there are none or they are a request body). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> paramMap() {
        return params instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
