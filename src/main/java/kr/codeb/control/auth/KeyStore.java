package kr.codeb.control.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import kr.codeb.control.common.db.Db;

/** The stored team keys as authentication reads them: by hash, and the batched last-use stamp. */
@ApplicationScoped
public class KeyStore {

    private final Db db;

    KeyStore(Db db) {
        this.db = db;
    }

    /** The key whose SHA-256 is {@code hash}, revoked or not (the caller decides); null when there is none. */
    public Uni<ApiKey> findByHash(String hash) {
        return db.query("api_key.find_by_hash", "SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE key_hash = $1", Tuple.of(hash))
                .map(rows -> rows.iterator().hasNext() ? ApiKey.from(rows.iterator().next()) : null);
    }

    /** Stamps {@code last_used_at} for many keys in one statement (batched off the request path). */
    public Uni<Void> touch(Set<String> keyIds) {
        return db.query("api_key.touch", "UPDATE api_keys SET last_used_at = NOW() WHERE id = ANY($1)",
                        Tuple.of(keyIds.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
