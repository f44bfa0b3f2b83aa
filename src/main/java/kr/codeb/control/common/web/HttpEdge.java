package kr.codeb.control.common.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.codeb.control.common.problem.Problems;

/**
 * Problem+json for what never reaches a REST resource: bodies over the 1 MiB limit (413) and paths no
 * route serves (404).
 */
@ApplicationScoped
public class HttpEdge {

    /** The request body limit of SPEC §5; also enforced for chunked bodies by quarkus.http.limits.max-body-size. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    void install(@Observes Router router) {
        // first: before any body is read
        router.route().order(Integer.MIN_VALUE).handler(HttpEdge::rejectOversizedBodies);
        // last: nothing else served the path
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, 404, "No resource at this path"));
        router.errorHandler(413, ctx -> write(ctx, 413, "The request body is larger than 1 MiB"));
    }

    private static void rejectOversizedBodies(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            ctx.response().putHeader("Connection", "close");
            write(ctx, 413, "The request body is larger than 1 MiB");
            return;
        }
        ctx.next();
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void write(RoutingContext ctx, int status, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(Json.encode(Problems.body(status, Problems.slug(status), Problems.title(status), detail, null)));
    }
}
