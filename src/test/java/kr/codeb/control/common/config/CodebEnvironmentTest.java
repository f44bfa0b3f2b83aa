package kr.codeb.control.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodebEnvironmentTest {

    private static CodebEnvironment.Result read(Map<String, String> env) {
        return CodebEnvironment.read(env::get);
    }

    @Test
    void databaseUrlFeedsBothTheReactiveAndTheFlywayDatasource() {
        var r = read(Map.of("DATABASE_URL", "postgresql://app:p%40ss@db.example:6432/codeb?sslmode=require"));
        assertTrue(r.problems().isEmpty());
        assertEquals("postgresql://db.example:6432/codeb?sslmode=require", r.properties().get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://db.example:6432/codeb?sslmode=require", r.properties().get("quarkus.datasource.jdbc.url"));
        assertEquals("app", r.properties().get("quarkus.datasource.username"));
        assertEquals("p@ss", r.properties().get("quarkus.datasource.password"));
    }

    @Test
    void databaseUrlWinsOverCodebDbVariables() {
        var r = read(Map.of("DATABASE_URL", "postgres://u:p@a:5432/x", "CODEB_DB_HOST", "b"));
        assertEquals("postgresql://a:5432/x", r.properties().get("quarkus.datasource.reactive.url"));
    }

    @Test
    void codebDbVariablesUseTheSeedDefaults() {
        var r = read(Map.of("CODEB_DB_HOST", "db.codeb.kr", "CODEB_DB_PASSWORD", "pw"));
        assertEquals("postgresql://db.codeb.kr:5432/codeb", r.properties().get("quarkus.datasource.reactive.url"));
        assertEquals("codeb", r.properties().get("quarkus.datasource.username"));
        assertTrue(r.databaseConfigured());
    }

    @Test
    void nothingConfiguredMeansNoDatabase() {
        assertFalse(read(Map.of()).databaseConfigured());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DB_POOL_MAX|lots",
        "DB_POOL_MAX|0",
        "DB_POOL_IDLE_TIMEOUT|-1",
        "DB_CONNECT_TIMEOUT|5s",
        "TRANSACTION_TIMEOUT|forever",
        "CODEB_GRACE_PERIOD|two days",
        "CODEB_GRACE_SWEEP_INTERVAL|0s",
        "CODEB_DEPLOY_TIMEOUT|PT",
        "CODEB_READ_MAX_LAG|-5s",
        "CODEB_AUDIT_RETENTION_DAYS|ninety",
        "CODEB_AUDIT_CLEANUP_CRON|every night",
        "CODEB_SLOW_QUERY_MS|1e3",
        "CODEB_DEGRADED_WRITES|yes",
        "CODEB_WEBHOOK_RETRY_SCHEDULE|5s,,5m",
        "CODEB_WEBHOOK_RETRY_SCHEDULE|0s",
        "CODEB_WEBHOOK_RETRY_SCHEDULE|8d",
        "CODEB_WEBHOOK_ALLOW_PRIVATE|maybe",
        "CODEB_WEBHOOK_RETENTION_DAYS|0",
        "CODEB_READINESS_REQUIRES_DB|1",
        "CODEB_SHUTDOWN_DELAY|-5s",
        "CODEB_SHUTDOWN_DELAY|soon",
        "CODEB_DEMO_DATA|off",
        "CODEB_UPSTREAM_HOST|http://10.0.0.1",
        "CODEB_UPSTREAM_HOST|slot host",
        "CODEB_BASE_DOMAINS|codeb.kr,not a domain",
        "CODEB_DB_PORT|99999",
        "CODEB_CADDY_ADMIN_URL|localhost:2019",
        "CODEB_CADDY_ADMIN_URL|ftp://127.0.0.1:2019",
        "CODEB_CADDY_ADMIN_URL|http://127.0.0.1:2019/config",
        "CODEB_CADDY_ADMIN_URL|http://user:pw@127.0.0.1:2019",
        "CODEB_CADDY_SERVER|my server",
        "CODEB_CADDY_SERVER|a/b",
        "CODEB_UPSTREAM_HOST|not a host",
        "CODEB_UPSTREAM_HOST|127.0.0.1:3000",
        "CODEB_CADDY_RECONCILE_INTERVAL|0s",
        "CODEB_CADDY_RECONCILE_INTERVAL|500ms",
        "CODEB_CADDY_RECONCILE_INTERVAL|often",
        "CODEB_CADDY_LISTEN|443",
        "CODEB_CADDY_LISTEN|:443,:99999",
        "CODEB_PROXY_ASK_TOKEN|short",
        "CODEB_PROXY_ASK_TOKEN|has spaces in it, which a URL cannot",
        "CODEB_PUBLIC_URL|codeb.example.com",
        "CODEB_PUBLIC_URL|https://codeb.example.com/?x=1",
    })
    void invalidValueIsOneProblemNamingTheVariable(String variable, String value) {
        Map<String, String> env = variable.equals("CODEB_DB_PORT") ? Map.of(variable, value, "CODEB_DB_HOST", "h") : Map.of(variable, value);
        var r = read(env);
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).toString().startsWith(variable + ": "), r.problems().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CODEB_ADMIN_KEY|too-short-secret",
        "CODEB_ENV_ENCRYPTION_KEY|c2hvcnQ=",
        "CODEB_ENV_ENCRYPTION_KEY_PREVIOUS|not base64 at all!",
        "DATABASE_URL|mysql://root:hunter2@h/db",
        "DATABASE_READ_URL|postgresql://u:hunter2@/nodb",
    })
    void invalidSecretIsReportedWithoutItsValue(String variable, String value) {
        var r = read(Map.of(variable, value));
        assertEquals(1, r.problems().size());
        String line = r.problems().get(0).toString();
        assertTrue(line.startsWith(variable + ": "), line);
        assertFalse(line.contains(value), line);
        assertFalse(line.contains("hunter2"), line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PT48H|PT48H",
        "48h|PT48H",
        "60s|PT1M",
        "500ms|PT0.5S",
        "90|PT1M30S",
        "2d|PT48H",
    })
    void durationsAcceptIsoAndShortForms(String raw, String iso) {
        assertEquals(iso, read(Map.of("CODEB_GRACE_PERIOD", raw)).properties().get("codeb.grace-period"));
    }

    @Test
    void validValuesAreTranslatedToProperties() {
        var r = read(Map.of("DB_POOL_MAX", "7", "CODEB_DEGRADED_WRITES", "TRUE", "CODEB_BASE_DOMAINS", "Codeb.kr, example.org",
                "CODEB_ENV_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "CODEB_ENV_ENCRYPTION_KEY_PREVIOUS", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=", "CODEB_DEMO_DATA", "False"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("7", r.properties().get("codeb.db.pool-max"));
        assertEquals("true", r.properties().get("codeb.degraded-writes"));
        assertEquals("codeb.kr,example.org", r.properties().get("codeb.base-domains"));
        assertEquals("false", r.properties().get("codeb.demo-data"));
        assertEquals("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=", r.properties().get("codeb.env-encryption-key-previous"));
    }

    @Test
    void theReadReplicaAndItsLagBoundAreTranslated() {
        var r = read(Map.of("DATABASE_READ_URL", "postgres://reader:s3cret@replica.internal:5433/codeb", "CODEB_READ_MAX_LAG", "1500ms"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("postgresql://reader:s3cret@replica.internal:5433/codeb", r.properties().get("codeb.db.read-url"));
        assertEquals("PT1.5S", r.properties().get("codeb.db.read-max-lag"));
    }

    @Test
    void shutdownDelayAndReadinessRuleAreTranslated() {
        var r = read(Map.of("CODEB_SHUTDOWN_DELAY", "0s", "CODEB_READINESS_REQUIRES_DB", "true"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("PT0S", r.properties().get("quarkus.shutdown.delay"), "zero switches the delay off");
        assertEquals("true", r.properties().get("codeb.readiness-requires-db"));
        assertEquals("PT2.5S", read(Map.of("CODEB_SHUTDOWN_DELAY", "2500ms")).properties().get("quarkus.shutdown.delay"));
    }

    @Test
    void theWebhookRetryScheduleBecomesIsoDurations() {
        var r = read(Map.of("CODEB_WEBHOOK_RETRY_SCHEDULE", "5s, 5m,2h,500ms", "CODEB_WEBHOOK_ALLOW_PRIVATE", "TRUE",
                "CODEB_WEBHOOK_RETENTION_DAYS", "7"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("PT5S,PT5M,PT2H,PT0.5S", r.properties().get("codeb.webhook-retry-schedule"));
        assertEquals("true", r.properties().get("codeb.webhook-allow-private"));
        assertEquals("7", r.properties().get("codeb.webhook-retention-days"));
    }

    @Test
    void theEdgeVariablesAreTranslated() {
        var r = read(Map.of("CODEB_CADDY_ADMIN_URL", "http://127.0.0.1:2019/", "CODEB_CADDY_SERVER", "edge_1", "CODEB_UPSTREAM_HOST", "10.0.0.5",
                "CODEB_CADDY_RECONCILE_INTERVAL", "45s", "CODEB_CADDY_LISTEN", ":443, 127.0.0.1:8443", "CODEB_PROXY_ASK_TOKEN",
                "ask-0123456789abcdef", "CODEB_PUBLIC_URL", "https://codeb.example.com/cp"));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("http://127.0.0.1:2019", r.properties().get("codeb.caddy.admin-url"));
        assertEquals("edge_1", r.properties().get("codeb.caddy.server"));
        assertEquals("10.0.0.5", r.properties().get("codeb.upstream-host"));
        assertEquals("PT45S", r.properties().get("codeb.caddy.reconcile-interval"));
        assertEquals(":443,127.0.0.1:8443", r.properties().get("codeb.caddy.listen"));
        assertEquals("ask-0123456789abcdef", r.properties().get("codeb.proxy-ask-token"));
        assertEquals("https://codeb.example.com/cp", r.properties().get("codeb.public-url"));
        assertEquals("[::1]", read(Map.of("CODEB_UPSTREAM_HOST", "[::1]")).properties().get("codeb.upstream-host"));
    }

    @Test
    void aRejectedAskTokenIsNeverShown() {
        var r = read(Map.of("CODEB_PROXY_ASK_TOKEN", "secret value!"));
        assertEquals(1, r.problems().size());
        assertFalse(r.problems().get(0).toString().contains("secret"), r.problems().toString());
    }
}
