package kr.codeb.control.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import kr.codeb.control.common.edge.ProxyState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A domain served by one environment of a project (seed 000 v2 domains). */
@RegisterForReflection
public record Domain(
        @Schema(examples = "my-app.codeb.kr") String domain,
        @Schema(examples = "my-app") String projectName,
        @Schema(enumeration = {"production", "staging", "preview"}) String environment,
        @Schema(enumeration = {"subdomain", "custom"}) String type,
        boolean sslEnabled,
        @Schema(nullable = true, examples = "letsencrypt") String sslIssuer,
        boolean dnsConfigured,
        @Schema(nullable = true, description = "When dnsConfigured was last set to true; null while DNS is not configured")
        Instant dnsVerifiedAt,


        boolean caddyConfigured,
        @Schema(nullable = true, enumeration = {"pending", "active", "error"}) String status,
        @Schema(nullable = true) String createdBy,
        @Schema(nullable = true) Instant createdAt,
        @Schema(nullable = true) Instant updatedAt,
        @Schema(nullable = true) ProxyState proxy) {

    public static final String ENVIRONMENTS = "production|staging|preview";
    public static final String ENVIRONMENTS_MESSAGE = "must be one of production, staging, preview";
    public static final String TYPES = "subdomain|custom";
    public static final String TYPES_MESSAGE = "must be one of subdomain, custom";
    public static final String STATUSES = "pending|active|error";
    public static final String STATUSES_MESSAGE = "must be one of pending, active, error";

    static final String COLUMNS = "domain, project_name, environment, type, ssl_enabled, ssl_issuer, dns_configured, dns_verified_at,"
            + " caddy_configured, status, created_by, created_at, updated_at";

    static Domain from(Row row) {
        return new Domain(row.getString("domain"), row.getString("project_name"), row.getString("environment"), row.getString("type"),
                Boolean.TRUE.equals(row.getBoolean("ssl_enabled")), row.getString("ssl_issuer"),
                Boolean.TRUE.equals(row.getBoolean("dns_configured")), instant(row.getOffsetDateTime("dns_verified_at")),
                Boolean.TRUE.equals(row.getBoolean("caddy_configured")), row.getString("status"), row.getString("created_by"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), null);
    }

    /**
     * The same domain with the edge's state (SPEC §9). While the sync is on it owns {@code caddyConfigured}: the row read
     * with the change predates the sync that followed it, so the flag is taken from that sync's outcome.
     */
    public Domain withProxy(ProxyState state) {
        boolean configured = state == null || ProxyState.OFF.equals(state.status()) ? caddyConfigured
                : ProxyState.SYNCED.equals(state.status()) && state.appliedPort() != null;
        return new Domain(domain, projectName, environment, type, sslEnabled, sslIssuer, dnsConfigured, dnsVerifiedAt, configured,
                status, createdBy, createdAt, updatedAt, state);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
