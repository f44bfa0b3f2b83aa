package kr.codeb.control.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed view of the service's own settings; SPEC §2 environment variables feed it (see {@link CodebEnvironment}). */
@ConfigMapping(prefix = "codeb")
public interface CodebConfig {

    /** Database connection and pool. */
    DbConfig db();

    /** System-admin secret ({@code CODEB_ADMIN_KEY}), at least 32 characters, matched by its hash. */
    Optional<String> adminKey();

    /** File registry: api-keys.json, slots.json, journal.ndjson ({@code CODEB_REGISTRY_DIR}). */
    @WithDefault("/opt/codeb/registry")
    Path registryDir();

    /** Rollback window after a promote ({@code CODEB_GRACE_PERIOD}). */
    @WithDefault("PT48H")
    Duration gracePeriod();

    /** How often expired grace slots are emptied ({@code CODEB_GRACE_SWEEP_INTERVAL}). */
    @WithDefault("60s")
    String graceSweepInterval();

    /** A pending/running deployment older than this is failed by the sweeper ({@code CODEB_DEPLOY_TIMEOUT}). */
    @WithDefault("PT30M")
    Duration deployTimeout();

    /** The host slot ports live on, for health probes and the edge's upstreams ({@code CODEB_UPSTREAM_HOST}). */
    @WithDefault("127.0.0.1")
    String upstreamHost();

    /** Queued deployments one project environment holds at most; one more is refused with 429 ({@code CODEB_DEPLOY_QUEUE_MAX}). */
    @WithDefault("10")
    int deployQueueMax();

    /** Audit rows older than this many days are deleted ({@code CODEB_AUDIT_RETENTION_DAYS}). */
    @WithDefault("90")
    int auditRetentionDays();

    /** Cron of the audit cleanup job ({@code CODEB_AUDIT_CLEANUP_CRON}). */
    @WithDefault("0 0 3 * * ?")
    String auditCleanupCron();

    /** Base64 of 32 bytes: AES-256-GCM key for env values at rest ({@code CODEB_ENV_ENCRYPTION_KEY}). */
    Optional<String> envEncryptionKey();

    /**
     * The key being rotated away from ({@code CODEB_ENV_ENCRYPTION_KEY_PREVIOUS}): when the stored values are
     * under this key, start-up re-encrypts them with {@link #envEncryptionKey()} (docs/env-encryption.md).
     */
    Optional<String> envEncryptionKeyPrevious();

    /** Suffixes allowed for {@code subdomain} domains ({@code CODEB_BASE_DOMAINS}). */
    @WithDefault("codeb.kr,workb.net")
    List<String> baseDomains();

    /** Queries slower than this are logged with their name and duration ({@code CODEB_SLOW_QUERY_MS}). */
    @WithDefault("1000")
    long slowQueryMs();

    /** Accept slot transitions into the file journal while the database is down ({@code CODEB_DEGRADED_WRITES}). */
    @WithDefault("false")
    boolean degradedWrites();

    /**
     * Readiness DOWN whenever the database is unreachable, instead of UP in degraded mode while the file registry can
     * serve ({@code CODEB_READINESS_REQUIRES_DB}).
     */
    @WithDefault("false")
    boolean readinessRequiresDb();

    /**
     * Create the demo team and project when the service starts on a database without teams ({@code CODEB_DEMO_DATA});
     * dev mode only (a packaged run never does), and off in the test profile unless a test profile turns it on.
     */
    @WithDefault("true")
    boolean demoData();

    /** Waits between webhook delivery attempts, comma-separated durations ({@code CODEB_WEBHOOK_RETRY_SCHEDULE}). */
    @WithDefault("5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> webhookRetrySchedule();

    /** Allow webhook targets on loopback, private, link-local or metadata addresses, and http in prod ({@code CODEB_WEBHOOK_ALLOW_PRIVATE}). */
    @WithDefault("false")
    boolean webhookAllowPrivate();

    /** Webhook delivery rows older than this many days are deleted ({@code CODEB_WEBHOOK_RETENTION_DAYS}). */
    @WithDefault("30")
    int webhookRetentionDays();

    /** The edge: the Caddy the service keeps in step with the slots (SPEC §9). */
    CaddyConfig caddy();

    /** When set, {@code /proxy/ask} needs it as {@code ?token=} or as the Basic password ({@code CODEB_PROXY_ASK_TOKEN}). */
    Optional<String> proxyAskToken();

    /** This service's address as Caddy reaches it, for the generated Caddy config ({@code CODEB_PUBLIC_URL}). */
    Optional<String> publicUrl();

    /** Caddy settings. */
    interface CaddyConfig {

        /** Caddy's admin API; unset: the sync is off ({@code CODEB_CADDY_ADMIN_URL}). */
        Optional<String> adminUrl();

        /** The Caddy HTTP server whose routes the service owns ({@code CODEB_CADDY_SERVER}). */
        @WithDefault("codeb")
        String server();

        /** How often Caddy's routes are compared with the database and repaired ({@code CODEB_CADDY_RECONCILE_INTERVAL}). */
        @WithDefault("30s")
        String reconcileInterval();

        /** Listen addresses of that server in the generated config, comma-separated ({@code CODEB_CADDY_LISTEN}). */
        @WithDefault(":443")
        List<String> listen();
    }

    /** Database settings. */
    interface DbConfig {

        /** Maximum connections of the reactive pool ({@code DB_POOL_MAX}). */
        @WithDefault("20")
        int poolMax();

        /** Idle connections are closed after this many seconds ({@code DB_POOL_IDLE_TIMEOUT}). */
        @WithDefault("30")
        int poolIdleTimeout();

        /** Connecting, and waiting for a pooled connection, gives up after this many ms ({@code DB_CONNECT_TIMEOUT}). */
        @WithDefault("5000")
        int connectTimeout();

        /** A transaction running longer is rolled back and the request answers 503 ({@code TRANSACTION_TIMEOUT}, ms). */
        @WithDefault("30000")
        long transactionTimeout();

        /** Optional read replica for read-only queries, as a reactive URL ({@code DATABASE_READ_URL}). */
        Optional<String> readUrl();

        /** A read replica further behind than this is skipped for the primary ({@code CODEB_READ_MAX_LAG}). */
        @WithDefault("PT5S")
        Duration readMaxLag();

        /** Start an embedded PostgreSQL when no database is configured; honoured in the dev and test profiles only. */
        @WithDefault("true")
        boolean embedded();
    }
}
