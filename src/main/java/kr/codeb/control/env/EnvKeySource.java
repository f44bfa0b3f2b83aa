package kr.codeb.control.env;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import kr.codeb.control.common.files.AtomicFiles;
import org.jboss.logging.Logger;

/**
 * Where the env encryption key comes from: {@code CODEB_ENV_ENCRYPTION_KEY} when set; otherwise, in dev and test
 * only, a key generated once and kept in {@code ${CODEB_REGISTRY_DIR}/env-encryption.key} (mode 0600). Anywhere
 * else a missing key stops start-up: a key generated per replica (the registry is an emptyDir in the Kubernetes
 * manifests) would differ between replicas and vanish with a pod, leaving the stored values unreadable.
 */
public final class EnvKeySource {

    static final String VARIABLE = "CODEB_ENV_ENCRYPTION_KEY";
    public static final String FILE = "env-encryption.key";
    private static final Logger LOG = Logger.getLogger(EnvKeySource.class);

    private EnvKeySource() {
    }

    /** The key bytes, or a {@link ConfigurationException} naming {@code CODEB_ENV_ENCRYPTION_KEY}. */
    public static byte[] resolve(Optional<String> configured, boolean devOrTest, Path registryDir) {
        if (configured.isPresent()) {
            return decode(configured.get(), VARIABLE);
        }
        if (!devOrTest) {
            throw new ConfigurationException(VARIABLE + " is not set: it is required in production (the base64 of 32 random bytes,"
                    + " e.g. from `openssl rand -base64 32`, the same value on every replica and kept safe: the env variables"
                    + " cannot be read without it). It is generated automatically only in dev and test.");
        }
        Path file = registryDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), VARIABLE + " (from " + file.toAbsolutePath() + ")");
            }
            byte[] key = new byte[EnvCipher.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            AtomicFiles.writeAtomically(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII), true);
            LOG.infof("%s is not set: generated a development key for env values in %s (mode 0600); set %s in production",
                    VARIABLE, file.toAbsolutePath(), VARIABLE);
            return key;
        } catch (IOException e) {
            throw new ConfigurationException(VARIABLE + " is not set and the development key file " + file.toAbsolutePath()
                    + " could not be read or written: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length == EnvCipher.KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigurationException(source + ": expected the base64 of exactly 32 bytes (value not shown)");
    }
}
