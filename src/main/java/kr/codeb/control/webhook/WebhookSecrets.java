package kr.codeb.control.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.codeb.control.common.db.Db;
import kr.codeb.control.env.EncryptedElsewhere;
import kr.codeb.control.env.EnvCipher;
import kr.codeb.control.env.EnvKeys;

/**
 * Webhook secrets: made ({@code whsec_} + base64 of 32 random bytes), kept encrypted with the env key (label
 * {@code webhook/<id>}, re-encrypted when that key rotates), and used to sign as Standard Webhooks asks:
 * {@code v1,} + base64 HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded part after {@code whsec_}.
 */
@ApplicationScoped
public class WebhookSecrets implements EncryptedElsewhere {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;

    private final EnvKeys keys;
    private final Db db;

    WebhookSecrets(EnvKeys keys, Db db) {
        this.keys = keys;
        this.db = db;
    }

    /** A new secret, in the clear: shown once, then only its encrypted form is kept. */
    static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        // a fresh SecureRandom per call: a static one would be seeded at native-image build time
        new SecureRandom().nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The env cipher, once the env key is verified against the database (503 otherwise). */
    Uni<EnvCipher> cipher() {
        return keys.cipher();
    }

    static String seal(EnvCipher k, String webhookId, String secret) {
        return k.encrypt(label(webhookId), secret);
    }

    static String open(EnvCipher k, String webhookId, String sealed) {
        return k.decrypt(label(webhookId), sealed);
    }

    /** The {@code webhook-signature} entry of one secret: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}. */
    static String signature(String secret, String messageId, long timestamp, String body) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            byte[] sig = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this runtime", e);
        }
    }

    @Override
    public Uni<Integer> reencrypt(SqlConnection conn, EnvCipher from, EnvCipher to) {
        return db.query(conn, "webhook.secrets_for_rotation", "SELECT id, secret, previous_secret FROM webhooks FOR UPDATE", Tuple.tuple())
                .chain(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    for (Row r : rows) {
                        String id = r.getString("id");
                        String previous = r.getString("previous_secret");
                        updates.add(Tuple.of(id, seal(to, id, open(from, id, r.getString("secret"))),
                                previous == null ? null : seal(to, id, open(from, id, previous))));
                    }
                    if (updates.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return conn.preparedQuery("UPDATE webhooks SET secret = $2, previous_secret = $3 WHERE id = $1").executeBatch(updates)
                            .replaceWith(updates.size());
                });
    }

    private static String label(String webhookId) {
        return "webhook/" + webhookId;
    }
}
