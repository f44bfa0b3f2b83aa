package kr.codeb.control.env;

import static kr.codeb.control.support.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import kr.codeb.control.auth.Role;
import kr.codeb.control.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up key check against the real database, driven with explicit keys: a wrong key is refused and
 * changes nothing, the previous key's data is re-encrypted under the new one, plaintext rows are sealed.
 * Each test leaves the data under the application's own key.
 */
@QuarkusTest
class EnvKeysTest {

    @Inject
    EnvKeys keys;

    String project;
    String member;
    String base;
    EnvCipher app;

    @BeforeEach
    void setUp() {
        String team = Fixtures.newTeam();
        project = Fixtures.newProject(team);
        member = Fixtures.keyFor(team, Role.MEMBER);
        base = "/api/v1/projects/" + project + "/environments/production/variables";
        app = keys.cipher().await().atMost(Duration.ofSeconds(10));
    }

    static EnvCipher randomCipher() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new EnvCipher(key);
    }

    String stored(String table, String name) {
        JsonObject data = Fixtures.pool().preparedQuery("SELECT env_data FROM " + table + " WHERE project_name = $1 ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(project)).await().indefinitely().iterator().next().getJsonObject("env_data");
        return data.getString(name);
    }

    String fingerprint() {
        return Fixtures.pool().query("SELECT fingerprint FROM env_encryption_key_check").execute().await().indefinitely()
                .iterator().next().getString(0);
    }

    @Test
    void theStoredFingerprintIsTheApplicationKeys() {
        assertEquals(app.fingerprint(), fingerprint());
        keys.verify(app, null).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void aWrongKeyIsRefusedNamingTheVariableAndChangesNothing() {
        as(member).body("{\"variables\":{\"SECRET\":\"keep-me\"}}").put(base).then().statusCode(200);
        String before = stored("project_envs", "SECRET");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> keys.verify(randomCipher(), null).await().atMost(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("CODEB_ENV_ENCRYPTION_KEY is not the key"), e.getMessage());
        assertTrue(e.getMessage().contains(app.fingerprint()), e.getMessage());
        assertEquals(before, stored("project_envs", "SECRET"));
        assertEquals(app.fingerprint(), fingerprint());
    }

    @Test
    void rotationReEncryptsEveryValueUnderTheNewKeyAndBack() {
        as(member).body("{\"variables\":{\"SECRET\":\"rotate-me\"}}").put(base).then().statusCode(200);
        as(member).body("{\"set\":{\"OTHER\":\"x\"}}").patch(base).then().statusCode(200);
        String label = EnvCipher.label(project, "production", "SECRET");
        EnvCipher next = randomCipher();
        try {
            keys.verify(next, app).await().atMost(Duration.ofSeconds(60));
            assertEquals(next.fingerprint(), fingerprint());
            for (String table : new String[] {"project_envs", "project_env_versions"}) {
                String value = stored(table, "SECRET");
                assertEquals("rotate-me", next.decrypt(label, value), table);
                assertThrows(EnvCipher.DecryptionFailedException.class, () -> app.decrypt(label, value), table);
            }
            // this process still holds the old key: a read is refused as unreadable, never garbage
            as(member).get(base + "?reveal=true").then().statusCode(500).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("CODEB_ENV_ENCRYPTION_KEY"));
            keys.verify(next, null).await().atMost(Duration.ofSeconds(30));
        } finally {
            keys.verify(app, next).await().atMost(Duration.ofSeconds(60));
        }
        assertEquals(app.fingerprint(), fingerprint());
        as(member).get(base + "?reveal=true").then().statusCode(200).body("variables.SECRET", equalTo("rotate-me"));
        as(member).get(base + "/versions/1?reveal=true").then().statusCode(200).body("variables.SECRET", equalTo("rotate-me"));
    }

    @Test
    void plaintextRowsFromBeforeEncryptionAreSealed() {
        Fixtures.pool().preparedQuery("INSERT INTO project_envs (project_name, environment, env_data, encrypted, version)"
                + " VALUES ($1, 'staging', '{\"LEGACY\": \"old-plain\", \"PORT\": 8080}', false, 4)").execute(Tuple.of(project))
                .await().indefinitely();
        String staging = "/api/v1/projects/" + project + "/environments/staging/variables";
        as(member).get(staging + "?reveal=true").then().statusCode(200).body("encrypted", equalTo(false))
                .body("variables.LEGACY", equalTo("old-plain")).body("variables.PORT", equalTo("8080"));

        keys.verify(app, null).await().atMost(Duration.ofSeconds(30));

        JsonObject data = Fixtures.pool().preparedQuery("SELECT env_data, encrypted FROM project_envs WHERE project_name = $1"
                + " AND environment = 'staging'").execute(Tuple.of(project)).await().indefinitely().iterator().next().getJsonObject("env_data");
        assertTrue(data.getString("LEGACY").startsWith("v1:"), data.encode());
        as(member).get(staging + "?reveal=true").then().statusCode(200).body("version", equalTo(4)).body("encrypted", equalTo(true))
                .body("variables.LEGACY", equalTo("old-plain")).body("variables.PORT", equalTo("8080"));
        as(member).body("{\"set\":{\"NEW\":\"n\"}}").patch(staging).then().statusCode(200).body("version", equalTo(5));
        as(member).get(staging + "/diff?from=4&to=5").then().statusCode(200).body("added", org.hamcrest.Matchers.contains("NEW"))
                .body("changed.size()", equalTo(0));
    }
}
