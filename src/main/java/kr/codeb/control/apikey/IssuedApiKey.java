package kr.codeb.control.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;
import kr.codeb.control.auth.ApiKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to creating a key: the stored key plus, this once, its plaintext. */
@RegisterForReflection
public record IssuedApiKey(
        @JsonUnwrapped ApiKey apiKey,
        @Schema(description = "The key itself. Shown only in this response; only its SHA-256 is stored.",
                examples = "codeb_team_01j_member_Xq3v9aB2cD4eF6gH7iJ8kL")
        String key) {
}
