package kr.codeb.control.common.web;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The {@code uri} tag the HTTP metrics give a request, for requests no resource matched: the metrics take the template
 * of the matched resource, and without one the path the caller sent, which would add a time series per invented path.
 */
public final class HttpMetricsUri {

    /** The tag of every request refused before routing (its status tells the reason apart). */
    public static final String REFUSED = "/{refused}";

    // where Quarkus' HTTP metrics look for the request's template (the REST layer puts it there once it matched)
    private static final String TEMPLATE = "UrlPathTemplate";

    private HttpMetricsUri() {
    }

    /** Tags the current request as refused before routing. */
    public static void refused() {
        template(REFUSED);
    }

    /** Tags the current request with {@code template}, as the REST layer does for the resource it matched. */
    public static void template(String template) {
        // only a request's own (duplicated) context holds its locals; elsewhere there is no request to tag
        if (VertxContext.isOnDuplicatedContext() && ContextLocals.get(TEMPLATE, null) == null) {
            ContextLocals.put(TEMPLATE, template);
        }
    }
}
