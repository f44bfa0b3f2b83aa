package kr.codeb.control.common.web;

import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import kr.codeb.control.common.problem.Problems;

/**
 * Problem+json for what never reaches a REST resource: request targets over 8 KiB (414), headers over 20 KiB (431),
 * bodies over the 1 MiB limit (413) and paths no route serves (404). The HTTP decoder's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above these, so that an
 * oversized request still gets here; only beyond them does Vert.x answer by itself, with a bare status.
 */
@ApplicationScoped
public class HttpEdge {

    /** The request body limit of SPEC §5; also enforced for chunked bodies by quarkus.http.limits.max-body-size. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /** The longest request target (path and query string) served. */
    public static final int MAX_REQUEST_TARGET = 8 * 1024;

    /** The most header bytes (names, values and separators) served; Quarkus's default header limit. */
    public static final int MAX_HEADER_BYTES = 20 * 1024;

    private static final String TOO_LARGE = "The request body is larger than 1 MiB";
    private static final String URI_TOO_LONG = "The request target (path and query) is longer than 8 KiB";
    private static final String HEADERS_TOO_LARGE = "The request headers are larger than 20 KiB";

    void install(@Observes Router router, EdgeRejections audit) {
        // first: before any body is read
        router.route().order(Integer.MIN_VALUE).handler(ctx -> rejectOversized(ctx, audit));
        // last: nothing else served the path
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, 404, "No resource at this path"));
        router.errorHandler(413, ctx -> {
            audited(ctx, audit, 413, TOO_LARGE);
            write(ctx, 413, TOO_LARGE);
        });
    }

    private static void rejectOversized(RoutingContext ctx, EdgeRejections audit) {
        // the metrics would tag a response no resource matched (refused here or by the key check, or of a method or
        // media type no resource takes) with the path it was sent to: one series per invented path
        ctx.addHeadersEndHandler(ignored -> HttpMetricsUri.unmatched(ctx.response().getStatusCode()));
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > MAX_REQUEST_TARGET) {
            reject(ctx, audit, 414, URI_TOO_LONG);
            return;
        }
        if (headerBytes(ctx.request().headers()) > MAX_HEADER_BYTES) {
            reject(ctx, audit, 431, HEADERS_TOO_LARGE);
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            reject(ctx, audit, 413, TOO_LARGE);
            return;
        }
        ctx.next();
    }

    /** Answers before the body is read; the connection is closed so that an unread body cannot be taken for a request. */
    private static void reject(RoutingContext ctx, EdgeRejections audit, int status, String detail) {
        ctx.response().putHeader("Connection", "close");
        audited(ctx, audit, status, detail);
        write(ctx, status, detail);
    }

    /** The size of the header section as sent: each "name: value" line with its CRLF. */
    static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    /** An /api request rejected here never reaches the REST layer's audit filter, so it is recorded here. */
    private static void audited(RoutingContext ctx, EdgeRejections audit, int status, String detail) {
        String path = ctx.normalizedPath();
        if (!ctx.response().ended() && RequestParams.isApi(path)) {
            audit.rejected(ctx.request().method().name(), path, clientIp(ctx.request().remoteAddress()),
                    ctx.request().getHeader("User-Agent"), status, detail);
        }
    }

    /**
     * The client's address as the HTTP layer resolved it. X-Forwarded-For/Forwarded are honoured only when
     * proxy forwarding is switched on ({@code quarkus.http.proxy.*}, for a trusted reverse proxy); otherwise a
     * client could write any address into the audit log.
     */
    public static String clientIp(SocketAddress peer) {
        return peer == null ? null : peer.hostAddress();
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
