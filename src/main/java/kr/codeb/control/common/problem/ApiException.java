package kr.codeb.control.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A failure the client caused or must know about, carried to the edge and rendered as problem+json. */
public class ApiException extends RuntimeException {

    /** One invalid input field. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;

    public ApiException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : extensions;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "invalid-request", "Invalid request", detail, null);
    }

    public static ApiException invalid(List<FieldError> errors) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(400, "validation", "Validation failed", detail, ext);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null);
    }

    public static ApiException conflict(String detail, Map<String, Object> extensions) {
        return new ApiException(409, "conflict", "Conflict", detail, extensions);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail, null);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
