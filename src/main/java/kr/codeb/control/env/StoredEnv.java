package kr.codeb.control.env;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of an environment's variables as stored: values are encrypted ({@link EnvCipher} format) when
 * {@code encrypted}, plaintext only in rows written before encryption existed. Version 0 is the empty state
 * of an environment never written.
 */
record StoredEnv(int version, boolean encrypted, Map<String, String> data, String createdBy, Instant createdAt) {

    static final StoredEnv NONE = new StoredEnv(0, true, Map.of(), null, null);

    /** Maps a row with columns version, encrypted, env_data and optionally created_by, created_at. */
    static StoredEnv from(Row r) {
        OffsetDateTime at = r.getColumnIndex("created_at") >= 0 ? r.getOffsetDateTime("created_at") : null;
        return new StoredEnv(r.getInteger("version"), Boolean.TRUE.equals(r.getBoolean("encrypted")), dataOf(r.getJsonObject("env_data")),
                r.getColumnIndex("created_by") >= 0 ? r.getString("created_by") : null, at == null ? null : at.toInstant());
    }

    /** The stored map, sorted by name; a non-string legacy value becomes its JSON text. */
    static Map<String, String> dataOf(JsonObject json) {
        Map<String, String> data = new TreeMap<>();
        if (json != null) {
            for (Map.Entry<String, Object> e : json) {
                Object v = e.getValue();
                data.put(e.getKey(), v == null ? "" : v instanceof String s ? s : io.vertx.core.json.Json.encode(v));
            }
        }
        return Collections.unmodifiableMap(data);
    }

    static JsonObject json(Map<String, String> data) {
        JsonObject json = new JsonObject();
        data.forEach(json::put);
        return json;
    }
}
