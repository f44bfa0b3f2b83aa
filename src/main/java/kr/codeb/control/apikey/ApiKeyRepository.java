package kr.codeb.control.apikey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import kr.codeb.control.common.db.Db;

/** SQL for API keys (seed 000 ApiKeyRepo). */
@ApplicationScoped
public class ApiKeyRepository {

    private final Db db;

    ApiKeyRepository(Db db) {
        this.db = db;
    }

    /** The key whose SHA-256 is {@code hash}, revoked or not (the caller decides). */
    public Uni<Optional<ApiKey>> findByHash(String hash) {
        return db.query("api_key.find_by_hash", "SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE key_hash = $1",
                        Tuple.of(hash))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ApiKey.from(rows.iterator().next())) : Optional.empty());
    }

    /** Stamps {@code last_used_at} for many keys in one statement (batched off the request path). */
    public Uni<Void> touch(Set<String> keyIds) {
        return db.query("api_key.touch", "UPDATE api_keys SET last_used_at = NOW() WHERE id = ANY($1)",
                        Tuple.of(keyIds.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
