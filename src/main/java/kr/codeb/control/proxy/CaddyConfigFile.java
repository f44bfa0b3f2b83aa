package kr.codeb.control.proxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The complete Caddy config a fresh Caddy starts from ({@code caddy run --config}): the admin endpoint the service talks
 * to, the owned server with every current route, and on-demand TLS whose {@code ask} is this service's {@code /proxy/ask}.
 * Pure.
 */
final class CaddyConfigFile {

    static final String DEFAULT_ADMIN = "localhost:2019";

    private CaddyConfigFile() {
    }

    /**
     * {@code adminUrl} (null: Caddy's default admin address), {@code serviceUrl} this service as Caddy reaches it,
     * {@code token} the ask token (null: none).
     */
    static JsonObject build(String adminUrl, String server, List<String> listen, Map<String, String> routes, String serviceUrl,
            String token) {
        JsonArray routeList = new JsonArray();
        routes.forEach((domain, dial) -> routeList.add(CaddyRoutes.route(domain, dial)));
        JsonObject srv = new JsonObject().put("listen", new JsonArray(List.copyOf(listen))).put("routes", routeList)
                // TLS even before the first route exists, so that on-demand certificates can be asked for at once
                .put("tls_connection_policies", new JsonArray().add(new JsonObject()))
                // the redirect server Caddy would add listens on every interface at :80; operators add their own
                .put("automatic_https", new JsonObject().put("disable_redirects", true));
        String ask = serviceUrl + "/proxy/ask" + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        JsonObject tls = new JsonObject().put("automation", new JsonObject()
                .put("on_demand", new JsonObject().put("ask", ask))
                .put("policies", new JsonArray().add(new JsonObject().put("on_demand", true))));
        return new JsonObject()
                .put("admin", new JsonObject().put("listen", adminListen(adminUrl)))
                .put("apps", new JsonObject()
                        .put("http", new JsonObject().put("servers", new JsonObject().put(server, srv)))
                        .put("tls", tls));
    }

    /** Caddy's {@code admin.listen} for the admin URL the service uses: its host and port. */
    static String adminListen(String adminUrl) {
        if (adminUrl == null) {
            return DEFAULT_ADMIN;
        }
        URI uri = URI.create(adminUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
