package kr.codeb.control.deployment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import kr.codeb.control.common.problem.ApiException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/projects/{name}/environments/{env}/deployments}: a new build (version and image), or a
 * redeploy of an earlier successful deployment ({@code fromDeployment}), which copies its version, image and port.
 */
@RegisterForReflection
@Schema(examples = "{\"version\": \"1.4.2\", \"image\": \"registry.example/my-app:1.4.2\", \"port\": 4101}")
public record NewDeployment(
        @Schema(examples = "1.4.2", description = "Required unless fromDeployment is given") @Size(max = 100) String version,
        @Schema(examples = "registry.example/my-app:1.4.2", description = "Required unless fromDeployment is given") @Size(max = 500) String image,
        @Schema(examples = "4101") @Min(1) @Max(65535) Integer port,
        @Schema(description = "Redeploy this earlier successful deployment of the same project environment, of any age")
        @Size(max = 32) String fromDeployment,
        @Schema(description = "With fromDeployment: also bring back the env variables that deployment recorded, as a new env version")
        Boolean restoreVariables) {

    /** A new build's body. */
    public NewDeployment(String version, String image, Integer port) {
        this(version, image, port, null, null);
    }

    public boolean redeploy() {
        return fromDeployment != null && !fromDeployment.isBlank();
    }

    public boolean restoring() {
        return Boolean.TRUE.equals(restoreVariables);
    }

    /** 400 unless the body names a build, or an earlier deployment (and then no build of its own). */
    void check() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (redeploy()) {
            for (String[] f : new String[][] {{"version", version}, {"image", image}}) {
                if (f[1] != null) {
                    errors.add(new ApiException.FieldError(f[0], "must not be given with fromDeployment: the redeploy copies it"));
                }
            }
            if (port != null) {
                errors.add(new ApiException.FieldError("port", "must not be given with fromDeployment: the redeploy copies it"));
            }
        } else {
            if (version == null || version.isBlank()) {
                errors.add(new ApiException.FieldError("version", "must not be blank"));
            }
            if (image == null || image.isBlank()) {
                errors.add(new ApiException.FieldError("image", "must not be blank"));
            }
            if (restoring()) {
                errors.add(new ApiException.FieldError("restoreVariables", "needs fromDeployment"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
