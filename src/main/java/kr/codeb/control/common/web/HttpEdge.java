package kr.codeb.control.common.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kr.codeb.control.audit.AuditLog;
import kr.codeb.control.common.problem.Problems;

/**
 * Problem+json for what never reaches a REST resource: bodies over the 1 MiB limit (413) and paths no
 * route serves (404).
 */
@ApplicationScoped
public class HttpEdge {

    /** The request body limit of SPEC §5; also enforced for chunked bodies by quarkus.http.limits.max-body-size. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final String TOO_LARGE = "The request body is larger than 1 MiB";

    void install(@Observes Router router, AuditLog audit) {
        // first: before any body is read
        router.route().order(Integer.MIN_VALUE).handler(ctx -> rejectOversizedBodies(ctx, audit));
        // last: nothing else served the path
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, 404, "No resource at this path"));
        router.errorHandler(413, ctx -> {
            audited(ctx, audit, 413, TOO_LARGE);
            write(ctx, 413, TOO_LARGE);
        });
    }

    private static void rejectOversizedBodies(RoutingContext ctx, AuditLog audit) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            ctx.response().putHeader("Connection", "close");
            audited(ctx, audit, 413, TOO_LARGE);
            write(ctx, 413, TOO_LARGE);
            return;
        }
        ctx.next();
    }

    /** An /api request rejected here never reaches the REST layer's audit filter, so it is recorded here. */
    private static void audited(RoutingContext ctx, AuditLog audit, int status, String detail) {
        String path = ctx.normalizedPath();
        if (!ctx.response().ended() && path != null && (path.equals("/api") || path.startsWith("/api/"))) {
            audit.recordEdgeRejection(ctx.request().method().name(), path,
                    AuditLog.clientIp(ctx.request().getHeader("X-Forwarded-For"), ctx.request().remoteAddress()),
                    ctx.request().getHeader("User-Agent"), status, detail);
        }
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
