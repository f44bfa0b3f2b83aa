package kr.codeb.control.common.web;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The {@code uri} tag the HTTP metrics give a request, for requests no resource matched: the metrics take the template
 * of the matched resource, and without one the path the caller sent, which would add a time series per invented path.
 */
public final class HttpMetricsUri {

    /**
     * The tag of every request no resource answered: refused before routing (401, 429, 413, 414, 431) or of a method or
     * media type no resource takes (405, 406, 415); its status tells the reason apart.
     */
    public static final String UNMATCHED = "/{unmatched}";

    // where Quarkus' HTTP metrics look for the request's template (the REST layer puts it there once it matched)
    private static final String TEMPLATE = "UrlPathTemplate";

    private HttpMetricsUri() {
    }

    /**
     * Tags the current request, answered with {@code status}, as unmatched unless a resource tagged it;
     * a 404 is left to the metrics, which tag it NOT_FOUND.
     */
    public static void unmatched(int status) {
        if (status != 404) {
            template(UNMATCHED);
        }
    }

    /** Tags the current request with {@code template}, as the REST layer does for the resource it matched. */
    public static void template(String template) {
        // only a request's own (duplicated) context holds its locals; elsewhere there is no request to tag
        if (VertxContext.isOnDuplicatedContext() && ContextLocals.get(TEMPLATE, null) == null) {
            ContextLocals.put(TEMPLATE, template);
        }
    }
}
