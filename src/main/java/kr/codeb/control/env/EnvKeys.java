package kr.codeb.control.env;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import kr.codeb.control.common.config.CodebConfig;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.common.problem.DbFailures;
import kr.codeb.control.common.problem.ApiException;
import org.jboss.logging.Logger;

/**
 * The env encryption key in use, checked against the database before any value is read or written: the
 * fingerprint stored in {@code env_encryption_key_check} must be this key's (first use stores it). When it is
 * the fingerprint of {@code CODEB_ENV_ENCRYPTION_KEY_PREVIOUS}, every stored value is re-encrypted under the new
 * key in one transaction (rotation). Values of rows written before encryption are encrypted at the same time.
 */
@ApplicationScoped
public class EnvKeys {

    /** How the stored fingerprint relates to the configured keys. */
    enum Check { MATCH, ROTATE, MISMATCH }

    private static final Logger LOG = Logger.getLogger(EnvKeys.class);
    private static final List<String> TABLES = List.of("project_envs", "project_env_versions");

    private final CodebConfig config;
    private final Db db;
    private final Instance<EncryptedElsewhere> elsewhere;
    private volatile EnvCipher current;
    private volatile EnvCipher previous;
    private volatile boolean verified;

    EnvKeys(CodebConfig config, Db db, Instance<EncryptedElsewhere> elsewhere) {
        this.config = config;
        this.db = db;
        this.elsewhere = elsewhere;
    }

    // before the system keys (10): a missing or wrong key stops start-up before anything is generated or printed
    void onStart(@Observes @Priority(5) StartupEvent event) {
        init();
        try {
            verify().await().atMost(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            if (!DbFailures.isUnavailable(e)) {
                throw e;
            }
            // checked again before the first env read or write once the database is back
            LOG.warnf("could not check the env encryption key against the database yet: %s", e.getMessage());
        }
    }

    private synchronized void init() {
        if (current == null) {
            current = new EnvCipher(EnvKeySource.resolve(config.envEncryptionKey(), LaunchMode.current().isDevOrTest(), config.registryDir()));
            previous = config.envEncryptionKeyPrevious().map(EnvCipher::fromBase64).orElse(null);
        }
    }

    /** The cipher, once the key is known to be the one that encrypted the stored values (503 otherwise). */
    public Uni<EnvCipher> cipher() {
        if (verified) {
            return Uni.createFrom().item(current);
        }
        return Uni.createFrom().voidItem().invoke(this::init).chain(this::verify)
                .onFailure(ConfigurationException.class).transform(e -> ApiException.unavailable(e.getMessage()))
                .replaceWith(() -> current);
    }

    /** Checks the configured keys against the database and remembers that they passed. */
    private Uni<Void> verify() {
        return verify(current, previous).invoke(() -> verified = true);
    }

    /**
     * Compares the stored fingerprint with {@code key} (and {@code old}, the previous key, when rotating), then
     * rotates and seals as needed, all in one transaction: a failure changes nothing.
     */
    Uni<Void> verify(EnvCipher key, EnvCipher old) {
        return db.inTransaction(conn -> db.query(conn, "env.key_check_insert",
                        "INSERT INTO env_encryption_key_check (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
                        Tuple.of(key.fingerprint()))
                .chain(() -> db.query(conn, "env.key_check_lock", "SELECT fingerprint FROM env_encryption_key_check WHERE id = 1 FOR UPDATE",
                        Tuple.tuple()))
                .chain(rows -> {
                    String stored = rows.iterator().next().getString("fingerprint");
                    return switch (check(stored, key.fingerprint(), old == null ? null : old.fingerprint())) {
                        case MATCH -> seal(conn, key);
                        case ROTATE -> rotate(conn, old, key).chain(() -> seal(conn, key));
                        case MISMATCH -> Uni.createFrom().failure(mismatch(stored, key.fingerprint()));
                    };
                }));
    }

    /** Pure decision: is the stored fingerprint the current key's, the previous key's, or neither. */
    static Check check(String stored, String currentFingerprint, String previousFingerprint) {
        if (EnvCipher.sameFingerprint(stored, currentFingerprint)) {
            return Check.MATCH;
        }
        if (EnvCipher.sameFingerprint(stored, previousFingerprint)) {
            return Check.ROTATE;
        }
        return Check.MISMATCH;
    }

    static ConfigurationException mismatch(String stored, String given) {
        return new ConfigurationException(EnvKeySource.VARIABLE + " is not the key that encrypted the stored environment variables"
                + " (stored key fingerprint " + stored + ", this key's " + given + "). Start with the original key; to change keys,"
                + " set the new one as " + EnvKeySource.VARIABLE + " and the old one as CODEB_ENV_ENCRYPTION_KEY_PREVIOUS"
                + " (docs/env-encryption.md).");
    }

    private Uni<Void> rotate(SqlConnection conn, EnvCipher from, EnvCipher to) {
        LOG.infof("rotating the env encryption key: re-encrypting every stored value under key %s (was %s)", to.fingerprint(),
                from.fingerprint());
        return rewrite(conn, "encrypted", (label, value) -> {
            if (!EnvCipher.looksEncrypted(value)) {
                // not under any key (written by hand?): re-keying cannot change what it means, so it stays as it is
                LOG.warnf("env value of %s is marked encrypted but is not an encrypted value; left unchanged by the rotation", label);
                return value;
            }
            try {
                return to.encrypt(label, from.decrypt(label, value));
            } catch (EnvCipher.DecryptionFailedException e) {
                throw new ConfigurationException("Rotating the env encryption key failed: the value of " + label
                        + " cannot be decrypted with CODEB_ENV_ENCRYPTION_KEY_PREVIOUS (" + e.getMessage() + "); nothing was changed");
            }
        }).chain(n -> reencryptElsewhere(conn, from, to).map(more -> n + more)).chain(n -> db.query(conn, "env.key_check_rotate", "UPDATE env_encryption_key_check SET fingerprint = $1, rotated_at = NOW()"
                        + " WHERE id = 1", Tuple.of(to.fingerprint()))
                .invoke(() -> LOG.infof("env encryption key rotated: %d rows re-encrypted", n)))
                .replaceWithVoid();
    }

    private Uni<Integer> reencryptElsewhere(SqlConnection conn, EnvCipher from, EnvCipher to) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (EncryptedElsewhere other : elsewhere) {
            total = total.chain(sum -> other.reencrypt(conn, from, to).map(n -> sum + n));
        }
        return total;
    }

    /** Encrypts the values of rows written before encryption existed (encrypted false or null). */
    private Uni<Void> seal(SqlConnection conn, EnvCipher key) {
        return rewrite(conn, "encrypted IS NOT TRUE", key::encrypt)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("encrypted the plaintext env values of %d stored rows", n);
                    }
                })
                .replaceWithVoid();
    }

    /** Applies {@code change(label, storedValue)} to every value of the rows matching {@code where} in both tables. */
    private Uni<Integer> rewrite(SqlConnection conn, String where, BiFunction<String, String, String> change) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (String table : TABLES) {
            total = total.chain(sum -> db.query(conn, "env.rewrite_select_" + table, "SELECT id, project_name, environment, env_data FROM "
                            + table + " WHERE " + where + " FOR UPDATE", Tuple.tuple())
                    .chain(rows -> {
                        List<Tuple> updates = new ArrayList<>();
                        for (Row r : rows) {
                            Map<String, String> out = new TreeMap<>();
                            StoredEnv.dataOf(r.getJsonObject("env_data")).forEach((name, value) -> out.put(name,
                                    change.apply(EnvCipher.label(r.getString("project_name"), r.getString("environment"), name), value)));
                            updates.add(Tuple.of(r.getValue("id"), StoredEnv.json(out)));
                        }
                        if (updates.isEmpty()) {
                            return Uni.createFrom().item(sum);
                        }
                        return conn.preparedQuery("UPDATE " + table + " SET env_data = $2, encrypted = true WHERE id = $1")
                                .executeBatch(updates).replaceWith(sum + updates.size());
                    }));
        }
        return total;
    }
}
