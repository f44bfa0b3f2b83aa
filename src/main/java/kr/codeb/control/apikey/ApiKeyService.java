package kr.codeb.control.apikey;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kr.codeb.control.audit.Audited;
import kr.codeb.control.audit.Grant;
import kr.codeb.control.auth.Access;
import kr.codeb.control.auth.ApiKeyFormat;
import kr.codeb.control.auth.Authenticator;
import kr.codeb.control.auth.RateLimiter;
import kr.codeb.control.auth.Role;
import kr.codeb.control.common.Ids;
import kr.codeb.control.common.problem.ApiException;

/** Issuing and revoking a team's keys, each one audited transaction; no key issues or revokes one above its own role. */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final Audited audited;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    ApiKeyService(ApiKeyRepository keys, Audited audited, Authenticator authenticator, RateLimiter rateLimiter) {
        this.keys = keys;
        this.audited = audited;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    /** Issues a key; the answer alone carries its plaintext. */
    public Uni<IssuedApiKey> issue(Grant grant, String teamId, NewApiKey body, Role role) {
        Access.checkAtMost(grant.caller(), role, "issue a key of role");
        String id = Ids.newId("key");
        String plaintext = ApiKeyFormat.generate(teamId, role);
        return audited.change(grant, id, body, tx -> keys.insert(tx.conn(), id, teamId, ApiKeyFormat.sha256Hex(plaintext),
                        ApiKeyFormat.prefix(plaintext), body, grant.caller().name()))
                .map(key -> new IssuedApiKey(key, plaintext));
    }

    /** Revokes a key: it stops working on this replica at once (other replicas' caches expire within seconds). */
    public Uni<Void> revoke(Grant grant, String teamId, String keyId) {
        return audited.change(grant, keyId, null, tx -> keys.lock(tx.conn(), teamId, keyId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("No such API key"))
                        .invoke(key -> Access.checkAtMost(grant.caller(), key.role(), "revoke a key of role"))
                        .chain(key -> keys.revoke(tx.conn(), keyId, grant.caller().name())))
                .invoke(() -> {
                    authenticator.forget(keyId);
                    rateLimiter.forget(keyId);
                });
    }
}
