package kr.codeb.control.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns request parameters into the JSON stored in {@code audit_logs.params}, with every secret replaced by
 * {@value #REDACTED}: a field is secret when its name, compared case-insensitively and ignoring '_' and '-', is one
 * of {@link #SECRET_NAMES} or ends with one of {@link #SECRET_SUFFIXES}, at any depth.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class Redactor {

    public static final String REDACTED = "[REDACTED]";
    /** Params longer than this (UTF-8 bytes of the JSON) are replaced by a size note: rows stay small in the queue. */
    public static final int MAX_PARAMS_BYTES = 8 * 1024;

    static final Set<String> SECRET_NAMES = Set.of("key", "apikey", "secret", "password", "token", "value", "values",
            "variables", "env", "envdata");
    static final List<String> SECRET_SUFFIXES = List.of("password", "passwd", "secret", "token", "apikey", "privatekey");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    Redactor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The redacted JSON text of {@code body} (or of {@code query} when there is no body); null when there are none. */
    public String params(Object body, Map<String, List<String>> query) {
        JsonNode bodyNode;
        try {
            bodyNode = body == null ? null : mapper.valueToTree(body);
        } catch (IllegalArgumentException e) {
            // never fail a request over its audit params; say they are missing instead
            bodyNode = NODES.objectNode().put("unrecorded", "the body could not be converted to JSON");
        }
        JsonNode queryNode = query == null || query.isEmpty() ? null : queryTree(query);
        JsonNode params;
        if (bodyNode != null && queryNode != null) {
            ObjectNode both = NODES.objectNode();
            both.set("query", queryNode);
            both.set("body", bodyNode);
            params = both;
        } else {
            params = bodyNode != null ? bodyNode : queryNode;
        }
        if (params == null || params.isNull()) {
            return null;
        }
        String json = redact(params).toString();
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PARAMS_BYTES) {
            return NODES.objectNode().put("truncated", true).put("bytes", bytes).toString();
        }
        return json;
    }

    /** A copy of {@code node} with secret fields redacted and NUL characters (which PostgreSQL rejects) removed. */
    public static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = clean(field.getKey());
                out.set(name, isSecret(name) ? NODES.textNode(REDACTED) : redact(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(redact(item)));
            return out;
        }
        if (node.isTextual()) {
            return NODES.textNode(clean(node.textValue()));
        }
        return node;
    }

    /** Whether a field of this name holds a secret. */
    public static boolean isSecret(String fieldName) {
        String n = fieldName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (SECRET_NAMES.contains(n)) {
            return true;
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode queryTree(Map<String, List<String>> query) {
        ObjectNode out = NODES.objectNode();
        query.forEach((name, values) -> {
            if (values.size() == 1) {
                out.put(name, values.get(0));
            } else {
                ArrayNode all = out.putArray(name);
                values.forEach(all::add);
            }
        });
        return out;
    }

    static String clean(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }
}
