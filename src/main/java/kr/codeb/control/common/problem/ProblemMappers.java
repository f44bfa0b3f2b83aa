package kr.codeb.control.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The single place where every exception becomes an RFC 9457 problem+json response; nothing leaks class names. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(ApiException.FieldError::field))
                .collect(Collectors.toList());
        return Problems.response(ApiException.invalid(errors));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problems.response(badJson(e));
    }

    /** More specific than {@link #json}, so it wins over Quarkus's built-in mapper, whose body is not problem+json. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return Problems.response(e.getPath().isEmpty()
                ? ApiException.badRequest("The request body must be a JSON object of the documented shape") : badJson(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return Problems.response(badJson(json));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "Only application/json responses are available";
            case 415 -> "Send the request body as application/json";
            default -> Problems.title(status);
        };
        Response.ResponseBuilder r = Response.fromResponse(Problems.response(status, Problems.slug(status),
                Problems.title(status), detail, null));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            r.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        return DbFailures.toApiException(e).map(Problems::response).orElseGet(() -> unexpected(e));
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        if (DbFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Problems.response(ApiException.unavailable("The database is unavailable; retry shortly"));
        }
        return unexpected(e);
    }

    private static Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return Problems.response(500, "internal", "Internal error", "The request failed unexpectedly; it changed nothing", null);
    }

    private static ApiException badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ApiException.invalid(field, "has the wrong type or format");
        }
        return ApiException.badRequest("The request body is not valid JSON");
    }

    /** The client's name for the violated input: the property path without the Java method and parameter. */
    private static String field(ConstraintViolation<?> v) {
        List<String> parameter = new java.util.ArrayList<>();
        List<String> property = new java.util.ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter.add(node.getName());
                default -> property.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]"
                        : node.getKey() != null ? "[" + node.getKey() + "]" : ""));
            }
        }
        List<String> names = property.isEmpty() ? parameter : property;
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
