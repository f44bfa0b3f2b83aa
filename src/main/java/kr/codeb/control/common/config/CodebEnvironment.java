package kr.codeb.control.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the environment variables of SPEC §2 into configuration properties, validating each one so
 * that a wrong value stops start-up with one line naming the variable. Pure: no I/O.
 */
public final class CodebEnvironment {

    /** One rejected variable; {@link #toString()} is the line printed at start-up (never the value of a secret). */
    public record Problem(String variable, String message) {
        @Override
        public String toString() {
            return variable + ": " + message;
        }
    }

    /** The outcome: the properties to add, or the problems that must stop start-up. */
    public record Result(Map<String, String> properties, List<Problem> problems) {
        public boolean databaseConfigured() {
            return properties.containsKey("quarkus.datasource.reactive.url");
        }
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private final Function<String, String> env;
    private final Map<String, String> out = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private CodebEnvironment(Function<String, String> env) {
        this.env = env;
    }

    /** Reads the variables through {@code env} (a name → value lookup, null when unset). */
    public static Result read(Function<String, String> env) {
        CodebEnvironment e = new CodebEnvironment(env);
        e.database();
        e.integer("DB_POOL_MAX", "codeb.db.pool-max", 1, 1000);
        e.integer("DB_POOL_IDLE_TIMEOUT", "codeb.db.pool-idle-timeout", 0, 86_400);
        e.integer("DB_CONNECT_TIMEOUT", "codeb.db.connect-timeout", 1, 600_000);
        e.integer("TRANSACTION_TIMEOUT", "codeb.db.transaction-timeout", 1, 3_600_000);
        e.integer("CODEB_AUDIT_RETENTION_DAYS", "codeb.audit-retention-days", 1, 36_500);
        e.integer("CODEB_SLOW_QUERY_MS", "codeb.slow-query-ms", 0, 3_600_000);
        e.duration("CODEB_GRACE_PERIOD", "codeb.grace-period");
        e.duration("CODEB_GRACE_SWEEP_INTERVAL", "codeb.grace-sweep-interval");
        e.duration("CODEB_DEPLOY_TIMEOUT", "codeb.deploy-timeout");
        e.integer("CODEB_DEPLOY_QUEUE_MAX", "codeb.deploy-queue-max", 1, 1000);
        e.duration("CODEB_READ_MAX_LAG", "codeb.db.read-max-lag");
        e.bool("CODEB_DEGRADED_WRITES", "codeb.degraded-writes");
        e.bool("CODEB_READINESS_REQUIRES_DB", "codeb.readiness-requires-db");
        e.delay("CODEB_SHUTDOWN_DELAY", "quarkus.shutdown.delay");
        e.bool("CODEB_DEMO_DATA", "codeb.demo-data");
        e.adminKey();
        e.encryptionKey("CODEB_ENV_ENCRYPTION_KEY", "codeb.env-encryption-key");
        e.encryptionKey("CODEB_ENV_ENCRYPTION_KEY_PREVIOUS", "codeb.env-encryption-key-previous");
        e.registryDir();
        e.cron();
        e.baseDomains();
        e.retrySchedule();
        e.bool("CODEB_WEBHOOK_ALLOW_PRIVATE", "codeb.webhook-allow-private");
        e.host("CODEB_UPSTREAM_HOST", "codeb.upstream-host");
        e.integer("CODEB_WEBHOOK_RETENTION_DAYS", "codeb.webhook-retention-days", 1, 36_500);
        EdgeVariables.read(e::value, e.out, e.problems);
        return new Result(Map.copyOf(e.out), List.copyOf(e.problems));
    }

    private String value(String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private void database() {
        String url = value("DATABASE_URL");
        if (url != null) {
            parseUrl("DATABASE_URL", url).ifPresent(c -> c.putInto(out));
        } else if (value("CODEB_DB_HOST") != null) {
            String port = value("CODEB_DB_PORT");
            int p = 5432;
            if (port != null) {
                Integer parsed = parseInt("CODEB_DB_PORT", port, 1, 65_535);
                if (parsed == null) {
                    return;
                }
                p = parsed;
            }
            new Connection(value("CODEB_DB_HOST"), p, orDefault("CODEB_DB_NAME", "codeb"),
                    orDefault("CODEB_DB_USER", "codeb"), value("CODEB_DB_PASSWORD"), "").putInto(out);
        }
        String read = value("DATABASE_READ_URL");
        if (read != null) {
            parseUrl("DATABASE_READ_URL", read).ifPresent(c -> out.put("codeb.db.read-url", c.reactiveUrlWithCredentials()));
        }
    }

    private String orDefault(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    /** A parsed database location. */
    public record Connection(String host, int port, String database, String user, String password, String query) {

        public String reactiveUrl() {
            return "postgresql://" + hostPort() + "/" + database + query;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + hostPort() + "/" + database + query;
        }

        String reactiveUrlWithCredentials() {
            String cred = user == null ? "" : enc(user) + (password == null ? "" : ":" + enc(password)) + "@";
            return "postgresql://" + cred + hostPort() + "/" + database + query;
        }

        private String hostPort() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        public void putInto(Map<String, String> props) {
            props.put("quarkus.datasource.reactive.url", reactiveUrl());
            props.put("quarkus.datasource.jdbc.url", jdbcUrl());
            if (user != null) {
                props.put("quarkus.datasource.username", user);
            }
            if (password != null) {
                props.put("quarkus.datasource.password", password);
            }
        }
    }

    private java.util.Optional<Connection> parseUrl(String name, String raw) {
        String shape = "expected postgresql://user:password@host:port/database (value not shown: it may hold a password)";
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!(scheme.equals("postgresql") || scheme.equals("postgres")) || uri.getHost() == null
                    || path.length() < 2 || path.indexOf('/', 1) >= 0) {
                problems.add(new Problem(name, shape));
                return java.util.Optional.empty();
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            return java.util.Optional.of(new Connection(host, port,
                    URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8), user, password, query));
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add(new Problem(name, shape));
            return java.util.Optional.empty();
        }
    }

    private void integer(String name, String property, int min, int max) {
        String v = value(name);
        if (v != null) {
            Integer parsed = parseInt(name, v, min, max);
            if (parsed != null) {
                out.put(property, parsed.toString());
            }
        }
    }

    /** A host name or IP literal (IPv6 without brackets), as slot ports are dialled on it. */
    private void host(String name, String property) {
        String v = value(name);
        if (v == null) {
            return;
        }
        // one rule with the edge's dials (Caddy accepts an invalid upstream and then answers 502 for every request)
        if (EdgeVariables.validHost(v)) {
            out.put(property, v);
        } else {
            problems.add(new Problem(name, "expected a host name or IP address such as 127.0.0.1, got \"" + printable(v) + "\""));
        }
    }

    private Integer parseInt(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(new Problem(name, "expected a whole number from " + min + " to " + max + ", got \"" + printable(v) + "\""));
        return null;
    }

    private void duration(String name, String property) {
        String v = value(name);
        if (v == null) {
            return;
        }
        Duration d = parseDuration(v);
        if (d == null || d.isZero() || d.isNegative()) {
            problems.add(new Problem(name, "expected a positive duration such as PT48H, 48h, 60s or 500ms, got \"" + printable(v) + "\""));
        } else {
            out.put(property, d.toString());
        }
    }

    /** A duration that may be zero (a delay that is switched off). */
    private void delay(String name, String property) {
        String v = value(name);
        if (v == null) {
            return;
        }
        Duration d = parseDuration(v);
        if (d == null || d.isNegative()) {
            problems.add(new Problem(name, "expected a duration such as 5s, 500ms or PT10S (0s: none), got \"" + printable(v) + "\""));
        } else {
            out.put(property, d.toString());
        }
    }

    /** Parses ISO-8601 ({@code PT48H}) or a number with an optional unit ({@code 60s}; seconds when bare). */
    public static Duration parseDuration(String v) {
        Matcher m = SIMPLE_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private void bool(String name, String property) {
        String v = value(name);
        if (v == null) {
            return;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            out.put(property, lower);
        } else {
            problems.add(new Problem(name, "expected true or false, got \"" + printable(v) + "\""));
        }
    }

    private void adminKey() {
        String v = value("CODEB_ADMIN_KEY");
        if (v == null) {
            return;
        }
        if (v.length() < 32 || !v.chars().allMatch(c -> c > 32 && c < 127)) {
            problems.add(new Problem("CODEB_ADMIN_KEY", "expected at least 32 printable ASCII characters without spaces (value not shown)"));
        } else {
            out.put("codeb.admin-key", v);
        }
    }

    private void encryptionKey(String name, String property) {
        String v = value(name);
        if (v == null) {
            return;
        }
        byte[] key = null;
        try {
            key = Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        if (key == null || key.length != 32) {
            problems.add(new Problem(name, "expected the base64 of exactly 32 bytes, e.g. from `openssl rand -base64 32` (value not shown)"));
        } else {
            out.put(property, v);
        }
    }

    private void registryDir() {
        String v = value("CODEB_REGISTRY_DIR");
        if (v == null) {
            return;
        }
        if (v.indexOf('\0') >= 0) {
            problems.add(new Problem("CODEB_REGISTRY_DIR", "expected a directory path"));
        } else {
            out.put("codeb.registry-dir", v);
        }
    }

    private void cron() {
        String v = value("CODEB_AUDIT_CLEANUP_CRON");
        if (v == null) {
            return;
        }
        int fields = v.split("\\s+").length;
        if (fields < 6 || fields > 7 || !v.matches("[0-9A-Za-z*?/,#\\-\\sLW]+")) {
            problems.add(new Problem("CODEB_AUDIT_CLEANUP_CRON", "expected a Quartz cron expression of 6 or 7 fields such as \"0 0 3 * * ?\", got \"" + printable(v) + "\""));
        } else {
            out.put("codeb.audit-cleanup-cron", v);
        }
    }

    private void baseDomains() {
        String v = value("CODEB_BASE_DOMAINS");
        if (v == null) {
            return;
        }
        List<String> domains = new ArrayList<>();
        for (String d : v.split(",")) {
            String domain = d.trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                problems.add(new Problem("CODEB_BASE_DOMAINS", "expected comma-separated domain names such as codeb.kr,workb.net, got \"" + printable(v) + "\""));
                return;
            }
            domains.add(domain);
        }
        out.put("codeb.base-domains", String.join(",", domains));
    }

    /** Comma-separated positive durations of at most a week each; at least one, at most 50. */
    private void retrySchedule() {
        String v = value("CODEB_WEBHOOK_RETRY_SCHEDULE");
        if (v == null) {
            return;
        }
        List<String> waits = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            Duration d = parseDuration(part.trim());
            if (d == null || d.isZero() || d.isNegative() || d.compareTo(Duration.ofDays(7)) > 0) {
                waits = null;
                break;
            }
            waits.add(d.toString());
        }
        if (waits == null || waits.size() > 50) {
            problems.add(new Problem("CODEB_WEBHOOK_RETRY_SCHEDULE", "expected 1 to 50 comma-separated positive durations of at most 7d"
                    + " such as 5s,5m,30m,2h, got \"" + printable(v) + "\""));
        } else {
            out.put("codeb.webhook-retry-schedule", String.join(",", waits));
        }
    }

    static String printable(String v) {
        String shown = v.length() > 60 ? v.substring(0, 60) + "…" : v;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
