package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Deployment figures of one environment. {@code successRate} is succeeded / (succeeded + failed), the
 * share of finished deployments that succeeded; null while none has finished.
 */
@RegisterForReflection
public record DeploymentStats(long total, long succeeded, long failed, Double successRate, Long avgDurationMs, Instant lastDeployedAt) {

    public static final DeploymentStats NONE = new DeploymentStats(0, 0, 0, null, null, null);
}
