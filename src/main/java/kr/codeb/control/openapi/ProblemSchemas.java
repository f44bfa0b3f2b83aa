package kr.codeb.control.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.problem.Problems;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** The RFC 9457 {@code Problem} schema and the shared error responses, as they are rendered by {@code common.problem}. */
final class ProblemSchemas {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    /** Status → name of the shared response in {@code components.responses}, with the case it documents. */
    static final Map<String, String[]> RESPONSES = new LinkedHashMap<>();

    static {
        RESPONSES.put("400", new String[] {"BadRequest", "Invalid input: the body, a parameter or a header; validation failures list each field in errors"});
        RESPONSES.put("401", new String[] {"Unauthorized", "Missing, unknown, revoked or expired API key"});
        RESPONSES.put("403", new String[] {"Forbidden", "The key's role or kind (team or system key) does not allow this call"});
        RESPONSES.put("404", new String[] {"NotFound", "No such resource, or it belongs to another team"});
        RESPONSES.put("409", new String[] {"Conflict", "Conflicts with the current state: a taken name, an illegal transition, a lock or a freeze"});
        RESPONSES.put("412", new String[] {"PreconditionFailed", "If-Match does not match the current version"});
        RESPONSES.put("413", new String[] {"PayloadTooLarge", "The request body is larger than 1 MiB"});
        RESPONSES.put("415", new String[] {"UnsupportedMediaType", "The request body is not application/json"});
        RESPONSES.put("429", new String[] {"TooManyRequests", "Over the key's rate limit (or a full deploy queue); wait for Retry-After"});
        RESPONSES.put("503", new String[] {"ServiceUnavailable", "The database is unavailable; retry after Retry-After"});
    }

    private ProblemSchemas() {
    }

    static void addTo(Components components) {
        components.addSchema(FIELD_ERROR, OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid input field")
                .addRequired("field").addRequired("message")
                .addProperty("field", string("The field's name; nested fields as a dotted path", "rateLimit.requestsPerMinute"))
                .addProperty("message", string("What is wrong with it", "must be between 1 and 100000")));
        components.addSchema(PROBLEM, OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail; some problems add members, e.g. conflicts of a file lock")
                .addRequired("type").addRequired("title").addRequired("status").addRequired("detail")
                .addProperty("type", string("Identifies the kind of problem", Problems.typeUri("validation")).format("uri"))
                .addProperty("title", string("Short summary of the kind of problem", "Validation failed"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)).examples(List.of(400)))
                .addProperty("detail", string("What went wrong with this request", "rateLimit.requestsPerMinute: must be between 1 and 100000"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Present on validation failures: one entry per invalid field")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR))));
        RESPONSES.forEach((status, named) -> components.addResponse(named[0], response(status, named[1])));
    }

    /** A problem+json response with the headers the service sends for that status. */
    static APIResponse response(String status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description).content(content());
        switch (status) {
            case "401" -> response.addHeader("WWW-Authenticate", header("Bearer realm=\"codeb\"", "The scheme to authenticate with"));
            case "429", "503" -> response.addHeader("Retry-After", header("5", "Seconds to wait before retrying"));
            default -> { }
        }
        return response;
    }

    /** The content of every error response: problem+json with the shared schema. */
    static Content content() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM));
        return OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE, media);
    }

    static String refTo(String status) {
        return "#/components/responses/" + RESPONSES.get(status)[0];
    }

    private static Header header(String example, String description) {
        return OASFactory.createHeader().description(description).example(example)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    private static Schema string(String description, String example) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description).examples(List.of(example));
    }
}
