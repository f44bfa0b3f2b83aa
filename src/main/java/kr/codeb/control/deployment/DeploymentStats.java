package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Deployment figures of one environment. {@code successRate} is succeeded / (succeeded + failed), the share of
 * deployments that ran to an outcome and succeeded; null while none has. Cancelled and expired ones are counted apart:
 * they say nothing of the build.
 */
@RegisterForReflection
public record DeploymentStats(long total, long succeeded, long failed, long cancelled, long expired,
        @Schema(nullable = true) Double successRate,
        @Schema(nullable = true) Long avgDurationMs, @Schema(nullable = true) Instant lastDeployedAt) {

    public static final DeploymentStats NONE = new DeploymentStats(0, 0, 0, 0, 0, null, null, null);

    /** One row of the per-environment statistics query. */
    static DeploymentStats from(Row r) {
        long succeeded = r.getLong("succeeded");
        long failed = r.getLong("failed");
        BigDecimal avg = r.getBigDecimal("avg_duration");
        OffsetDateTime last = r.getOffsetDateTime("last_deployed_at");
        return new DeploymentStats(r.getLong("total"), succeeded, failed, r.getLong("cancelled"), r.getLong("expired"),
                succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed),
                avg == null ? null : avg.setScale(0, RoundingMode.HALF_UP).longValue(), last == null ? null : last.toInstant());
    }
}
