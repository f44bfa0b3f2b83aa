package kr.codeb.control.apikey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import kr.codeb.control.auth.ApiKey;
import kr.codeb.control.common.db.Db;

/** SQL for managing API keys (seed 000 ApiKeyRepo); verifying them is {@code auth.KeyStore}'s. */
@ApplicationScoped
public class ApiKeyRepository {

    private final Db db;

    ApiKeyRepository(Db db) {
        this.db = db;
    }

    /** The key {@code keyId} of {@code teamId}, locked; null when there is none. */
    public Uni<ApiKey> lock(SqlClient client, String teamId, String keyId) {
        return db.query(client, "api_key.find", "SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE team_id = $1 AND id = $2 FOR UPDATE",
                        Tuple.of(teamId, keyId))
                .map(rows -> rows.iterator().hasNext() ? ApiKey.from(rows.iterator().next()) : null);
    }

    /** Keys of a team with id after {@code afterId}, in id order. */
    public Uni<List<ApiKey>> list(String teamId, String afterId, int limit) {
        return db.read("api_key.list", "SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE team_id = $1"
                        + " AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3", Tuple.of(teamId, afterId, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ApiKey::from).toList());
    }

    public Uni<ApiKey> insert(SqlClient client, String id, String teamId, String hash, String prefix, NewApiKey k, String createdBy) {
        JsonObject limit = k.rateLimit() == null ? null
                : new JsonObject().put("requestsPerMinute", k.rateLimit().requestsPerMinute());
        OffsetDateTime expires = k.expiresAt() == null ? null : k.expiresAt().atOffset(ZoneOffset.UTC);
        return db.query(client, "api_key.insert", "INSERT INTO api_keys (id, key_hash, key_prefix, name, team_id, role, scopes,"
                        + " rate_limit, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + ApiKey.COLUMNS,
                        Tuple.tuple(Arrays.asList(id, hash, prefix, k.name().trim(), teamId, k.role(),
                                new JsonArray(k.scopes() == null ? List.of() : k.scopes()), limit, expires, createdBy)))
                .map(rows -> ApiKey.from(rows.iterator().next()));
    }

    public Uni<Void> revoke(SqlClient client, String keyId, String revokedBy) {
        return db.query(client, "api_key.revoke", "UPDATE api_keys SET revoked_at = NOW(), revoked_by = $2"
                        + " WHERE id = $1 AND revoked_at IS NULL", Tuple.of(keyId, revokedBy))
                .replaceWithVoid();
    }

}
