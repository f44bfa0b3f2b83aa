package kr.codeb.control.common.edge;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the edge (Caddy) routes for a domain, or for the domains of a project environment, as slot and domain views show
 * it (SPEC §9): {@code synced} as desired, {@code pending} not yet applied, {@code error} the last attempt failed,
 * {@code off} no Caddy is configured.
 */
@RegisterForReflection
@Schema(description = "Where the edge stands for this view's domains")
public record ProxyState(
        @Schema(enumeration = {"synced", "pending", "error", "off"}) String status,
        @Schema(nullable = true, description = "The slot port Caddy routes to now; null when it routes nothing") Integer appliedPort,
        @Schema(nullable = true, description = "When that route was last applied") Instant appliedAt,
        @Schema(nullable = true, description = "Why the last sync failed; null after a success") String lastError) {

    public static final String SYNCED = "synced";
    public static final String PENDING = "pending";
    public static final String ERROR = "error";
    public static final String OFF = "off";

    public static final ProxyState NO_SYNC = new ProxyState(OFF, null, null, null);
}
