package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects/{name}/environments/{env}/deployments}. */
@RegisterForReflection
public record NewDeployment(
        @Schema(examples = "1.4.2") @NotBlank @Size(max = 100) String version,
        @Schema(examples = "registry.example/my-app:1.4.2") @NotBlank @Size(max = 500) String image,
        @Schema(examples = "4101") @Min(1) @Max(65535) Integer port) {
}
