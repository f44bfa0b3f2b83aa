package kr.codeb.control.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of the service's own OpenAPI document ({@code /q/openapi?format=json}), with their parameters and
 * request-body schemas resolved, and valid sample bodies built from the schemas' examples, enumerations and types.
 */
public final class OpenApiRoutes {

    /** A documented parameter: where it goes ({@code path}, {@code query}, {@code header}) and its schema. */
    public record Param(String name, String in, JsonNode schema) {
    }

    /** One documented path × method; {@code body} is the resolved JSON request-body schema, or null when it takes none. */
    public record Route(String method, String path, List<Param> params, JsonNode body) {
        public List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;

    private OpenApiRoutes(JsonNode document) {
        this.document = document;
    }

    public static OpenApiRoutes parse(String json) {
        try {
            return new OpenApiRoutes(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
    }

    /** Every operation whose path starts with {@code prefix}, in document order. */
    public List<Route> routes(String prefix) {
        List<Route> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(prefix)) {
                continue;
            }
            List<Param> shared = params(path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(op.path("parameters")));
                JsonNode schema = op.path("requestBody").path("content").path("application/json").get("schema");
                routes.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey(), params, schema == null ? null : resolve(schema)));
            }
        }
        return routes;
    }

    private List<Param> params(JsonNode list) {
        List<Param> out = new ArrayList<>();
        list.forEach(p -> {
            JsonNode param = resolve(p);
            out.add(new Param(param.path("name").asText(), param.path("in").asText(), resolve(param.path("schema"))));
        });
        return out;
    }

    /** {@code schema} with a {@code $ref} (also one wrapped in allOf/anyOf/oneOf) replaced by its target. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; hops < 10 && s != null; hops++) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                JsonNode target = document;
                for (String part : ref.substring(2).split("/")) {
                    target = target.path(part);
                }
                s = target;
            } else if (!s.has("properties") && !s.has("type")) {
                JsonNode first = firstOf(s, "allOf", "anyOf", "oneOf");
                if (first == null) {
                    return s;
                }
                s = first;
            } else {
                return s;
            }
        }
        return s == null ? NODES.objectNode() : s;
    }

    private static JsonNode firstOf(JsonNode s, String... keys) {
        for (String key : keys) {
            if (s.has(key) && s.get(key).isArray()) {
                for (JsonNode option : s.get(key)) {
                    if (!"null".equals(option.path("type").asText())) {
                        return option;
                    }
                }
            }
        }
        return null;
    }

    /** The names of {@code schema}'s properties, nested objects as dotted paths ({@code rateLimit.requestsPerMinute}). */
    public List<String> fieldPaths(JsonNode schema) {
        List<String> out = new ArrayList<>();
        collect(resolve(schema), "", out, 0);
        return out;
    }

    private void collect(JsonNode schema, String prefix, List<String> out, int depth) {
        Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> prop = props.next();
            String path = prefix + prop.getKey();
            out.add(path);
            JsonNode child = resolve(prop.getValue());
            if (depth < 3 && child.has("properties")) {
                collect(child, path + ".", out, depth + 1);
            }
        }
    }

    /** A value {@code schema} accepts: its example, else its first enumerated value, else a plain value of its type. */
    public JsonNode sample(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("examples") && s.get("examples").isArray() && !s.get("examples").isEmpty()) {
            return s.get("examples").get(0);
        }
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("enum") && !s.get("enum").isEmpty()) {
            return s.get("enum").get(0);
        }
        String type = type(s);
        String format = s.path("format").asText("");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    s.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), sample(p.getValue(), depth + 1)));
                }
                return object;
            }
            case "array":
                return NODES.arrayNode();
            case "integer":
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(false);
            default:
                return switch (format) {
                    case "date-time" -> NODES.textNode("2031-01-01T00:00:00Z");
                    case "date" -> NODES.textNode("2031-01-01");
                    case "email" -> NODES.textNode("probe@example.com");
                    default -> NODES.textNode("probe");
                };
        }
    }

    private static String type(JsonNode s) {
        JsonNode type = s.get("type");
        if (type == null) {
            return s.has("properties") ? "object" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.asText();
    }
}
