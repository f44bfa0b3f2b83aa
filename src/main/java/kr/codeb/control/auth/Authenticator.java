package kr.codeb.control.auth;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import kr.codeb.control.common.problem.DbFailures;
import org.jboss.logging.Logger;

/**
 * Resolves a presented key to a caller: system keys first, then team keys. A team key must pass its
 * format checksum before any database look-up; verified keys are cached for {@link #CACHE_TTL}, which
 * bounds how long a revocation on another replica takes to apply.
 */
@ApplicationScoped
public class Authenticator {

    /** Longest key accepted at all; anything longer is rejected without hashing. */
    static final int MAX_KEY_LENGTH = 256;
    /** How long a verified team key is trusted without asking the database again. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(4);

    /** How long after its last verification a team key still authenticates while the database is down. */
    public static final Duration DEGRADED_TRUST = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    /** A verified key and when it was read from the database. */
    private record Verified(ApiKey key, long readAtNanos) {
    }

    private final SystemKeys systemKeys;
    private final KeyStore keys;
    private final ConcurrentMap<String, Verified> byHash = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    Authenticator(SystemKeys systemKeys, KeyStore keys) {
        this.systemKeys = systemKeys;
        this.keys = keys;
    }

    public Uni<Optional<Caller>> authenticate(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<Caller> system = systemKeys.match(key);
        if (system.isPresent()) {
            return Uni.createFrom().item(system);
        }
        Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(key);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = ApiKeyFormat.sha256Hex(key);
        Verified cached = byHash.get(hash);
        if (cached != null && System.nanoTime() - cached.readAtNanos() < CACHE_TTL.toNanos()) {
            return Uni.createFrom().item(toCaller(cached.key(), parsed.get()));
        }
        return keys.findByHash(hash).map(found -> {
            if (found == null) {
                byHash.remove(hash);
                return Optional.<Caller>empty();
            }
            byHash.put(hash, new Verified(found, System.nanoTime()));
            return toCaller(found, parsed.get());
        }).onFailure(DbFailures::isUnreachable).recoverWithUni(e -> {
            // database down (SPEC §7): a key verified recently still authenticates; anything else waits for it
            if (cached != null && System.nanoTime() - cached.readAtNanos() < DEGRADED_TRUST.toNanos()) {
                return Uni.createFrom().item(toCaller(cached.key(), parsed.get()));
            }
            return Uni.createFrom().failure(e);
        });
    }

    /** Drops a key from the cache at once (revocation on this replica). */
    public void forget(String keyId) {
        byHash.values().removeIf(v -> v.key().id().equals(keyId));
    }

    private Optional<Caller> toCaller(ApiKey key, ApiKeyFormat.Parsed parsed) {
        // the role and team written into the key text must agree with the record
        if (!key.usableAt(Instant.now()) || key.role() != parsed.role() || key.teamId() == null
                || !key.teamId().startsWith(parsed.teamPart())) {
            return Optional.empty();
        }
        used.add(key.id());
        return Optional.of(Caller.team(key.id(), key.teamId(), key.role(), key.name(),
                key.rateLimit() == null ? null : key.rateLimit().requestsPerMinute()));
    }

    /** Writes {@code last_used_at} for the keys used since the last run: one statement, off the request path. */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flushLastUsed() {
        if (used.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> batch = new HashSet<>(used);
        used.removeAll(batch);
        return keys.touch(batch).onFailure().recoverWithUni(e -> {
            LOG.debugf("last_used_at not written (%s); will retry", e.getMessage());
            used.addAll(batch);
            return Uni.createFrom().voidItem();
        });
    }
}
