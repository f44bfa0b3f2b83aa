package kr.codeb.control.common.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem+json bodies and responses: the one error shape of the API. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a client should wait before retrying when the database is unavailable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    public static String typeUri(String slug) {
        return "urn:codeb:problem:" + slug;
    }

    public static Map<String, Object> body(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeUri(slug));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail == null ? title : detail);
        if (extensions != null) {
            extensions.forEach(body::putIfAbsent);
        }
        return body;
    }

    public static Response response(ApiException e) {
        return response(e.status(), e.slug(), e.title(), e.getMessage(), e.extensions());
    }

    public static Response response(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE)
                .entity(body(status, slug, title, detail, extensions));
        if (status == 401) {
            r.header("WWW-Authenticate", "Bearer realm=\"codeb\"");
        }
        if (status == 503 || status == 429) {
            r.header("Retry-After", extensions != null && extensions.get("retryAfter") != null
                    ? extensions.get("retryAfter").toString() : RETRY_AFTER_SECONDS);
        }
        return r.build();
    }

    /** The title used for a bare HTTP status. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Request rejected";
        };
    }

    public static String slug(int status) {
        return title(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}
