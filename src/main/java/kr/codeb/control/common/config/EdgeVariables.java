package kr.codeb.control.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The edge variables of SPEC §2 (Caddy, ask token, public URL; the upstream host is checked with {@link #validHost}), validated like the others. Pure. */
final class EdgeVariables {

    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]*):(\\d{1,5})");

    private EdgeVariables() {
    }

    static void read(Function<String, String> value, Map<String, String> out, List<CodebEnvironment.Problem> problems) {
        url(value, "CODEB_CADDY_ADMIN_URL", "codeb.caddy.admin-url", out, problems, false);
        url(value, "CODEB_PUBLIC_URL", "codeb.public-url", out, problems, true);
        String server = value.apply("CODEB_CADDY_SERVER");
        if (server != null) {
            if (SERVER.matcher(server).matches()) {
                out.put("codeb.caddy.server", server);
            } else {
                problems.add(new CodebEnvironment.Problem("CODEB_CADDY_SERVER", "expected a Caddy server name of letters, digits, '-' and '_', got \""
                        + CodebEnvironment.printable(server) + "\""));
            }
        }
        String interval = value.apply("CODEB_CADDY_RECONCILE_INTERVAL");
        if (interval != null) {
            Duration d = CodebEnvironment.parseDuration(interval);
            if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
                problems.add(new CodebEnvironment.Problem("CODEB_CADDY_RECONCILE_INTERVAL", "expected a duration from 1s to 1d such as 30s, got \""
                        + CodebEnvironment.printable(interval) + "\""));
            } else {
                out.put("codeb.caddy.reconcile-interval", d.toString());
            }
        }
        listen(value.apply("CODEB_CADDY_LISTEN"), out, problems);
        String token = value.apply("CODEB_PROXY_ASK_TOKEN");
        if (token != null) {
            // it travels in Caddy's ask URL: URL-safe characters only, long enough not to be guessed
            if (token.length() < 16 || token.length() > 256 || !token.matches("[A-Za-z0-9._~-]+")) {
                problems.add(new CodebEnvironment.Problem("CODEB_PROXY_ASK_TOKEN",
                        "expected 16 to 256 characters of letters, digits, '.', '_', '~' and '-' (value not shown)"));
            } else {
                out.put("codeb.proxy-ask-token", token);
            }
        }
    }

    /** A host name, an IPv4 address or an IPv6 address (bare or in brackets). */
    static boolean validHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // an IPv6 address has at least two colons; one colon is a host:port, which is not a host
        boolean ipv6 = bare.chars().filter(c -> c == ':').count() >= 2 && IPV6.matcher(bare).matches();
        return ipv6 || (bare.equals(host) && HOST.matcher(host).matches());
    }

    private static void url(Function<String, String> value, String name, String property, Map<String, String> out,
            List<CodebEnvironment.Problem> problems, boolean pathAllowed) {
        String v = value.apply(name);
        if (v == null) {
            return;
        }
        String problem = "expected an http or https URL such as http://127.0.0.1:2019"
                + (pathAllowed ? " or https://codeb.example.com" : " (no path, no user info)") + ", got \"" + CodebEnvironment.printable(v) + "\"";
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean pathOk = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/") || pathAllowed;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || !pathOk) {
                problems.add(new CodebEnvironment.Problem(name, problem));
                return;
            }
            out.put(property, v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        } catch (URISyntaxException e) {
            problems.add(new CodebEnvironment.Problem(name, problem));
        }
    }

    private static void listen(String v, Map<String, String> out, List<CodebEnvironment.Problem> problems) {
        if (v == null) {
            return;
        }
        List<String> addresses = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            var m = LISTEN.matcher(part.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65_535) {
                problems.add(new CodebEnvironment.Problem("CODEB_CADDY_LISTEN", "expected comma-separated listen addresses such as :443"
                        + " or 127.0.0.1:8443, got \"" + CodebEnvironment.printable(v) + "\""));
                return;
            }
            addresses.add(part.trim());
        }
        out.put("codeb.caddy.listen", String.join(",", addresses));
    }
}
