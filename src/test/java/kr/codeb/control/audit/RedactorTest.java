package kr.codeb.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = new Redactor(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"key", "KEY", "apiKey", "api_key", "API-KEY", "secret", "password", "Password", "token",
            "value", "values", "variables", "env", "envData", "env_data", "dbPassword", "accessToken", "clientSecret",
            "privateKey", "CODEB_DB_PASSWORD"})
    void secretNamesAreRecognisedWhateverTheirCase(String name) {
        assertTrue(Redactor.isSecret(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "slug", "owner", "keyId", "role", "environment", "version", "rateLimit", "tokens"})
    void ordinaryNamesAreKept(String name) {
        assertFalse(Redactor.isSecret(name), name);
    }

    @Test
    void secretsAreRedactedAtAnyDepth() {
        Map<String, Object> body = Map.of("name", "app",
                "settings", Map.of("password", "hunter2", "nested", Map.of("Token", "t0k3n")),
                "list", List.of(Map.of("apiKey", "k-123", "label", "ok")),
                "variables", Map.of("DB_URL", "postgres://u:p@h/db"));
        String json = redactor.params(body, Map.of());
        assertFalse(json.contains("hunter2"));
        assertFalse(json.contains("t0k3n"));
        assertFalse(json.contains("k-123"));
        assertFalse(json.contains("postgres://"));
        assertTrue(json.contains("\"label\":\"ok\""));
        assertTrue(json.contains("\"password\":\"[REDACTED]\""));
        assertTrue(json.contains("\"variables\":\"[REDACTED]\""));
    }

    @Test
    void queryParametersAreRecordedWhenThereIsNoBody() {
        String json = redactor.params(null, Map.of("reveal", List.of("true"), "token", List.of("abc"), "tag", List.of("a", "b")));
        assertTrue(json.contains("\"reveal\":\"true\""));
        assertTrue(json.contains("\"token\":\"[REDACTED]\""));
        assertTrue(json.contains("\"tag\":[\"a\",\"b\"]"));
    }

    @Test
    void bodyAndQueryTogetherAreBothKept() {
        String json = redactor.params(Map.of("name", "x"), Map.of("dryRun", List.of("true")));
        assertEquals("{\"query\":{\"dryRun\":\"true\"},\"body\":{\"name\":\"x\"}}", json);
    }

    @Test
    void noParamsIsNull() {
        assertNull(redactor.params(null, Map.of()));
    }

    @Test
    void nulCharactersAreRemoved() {
        String json = redactor.params(Map.of("na\u0000me", "a\u0000b"), Map.of());
        assertEquals("{\"name\":\"ab\"}", json);
    }

    @Test
    void oversizedParamsAreReplacedByTheirSize() {
        String json = redactor.params(Map.of("description", "x".repeat(Redactor.MAX_PARAMS_BYTES)), Map.of());
        assertTrue(json.startsWith("{\"truncated\":true,\"bytes\":"), json);
    }
}
