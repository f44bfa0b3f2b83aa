package kr.codeb.control.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import kr.codeb.control.common.cache.ChangeFeed;
import kr.codeb.control.common.cache.ViewCache;
import kr.codeb.control.common.problem.DbFailures;
import org.jboss.logging.Logger;

/**
 * Resolves a presented key to a caller: system keys first, then team keys. A team key must pass its
 * format checksum before any database look-up; verified keys are kept in memory (dropped when the change feed reports
 * their row changed, at most {@link #CACHE_TTL}).
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
public class Authenticator {

    /** Longest key accepted at all; anything longer is rejected without hashing. */
    static final int MAX_KEY_LENGTH = 256;
    /**
     * How long a verified team key is trusted without asking the database again. A change of the key (revocation,
     * expiry, role) reaches every replica through the change feed at once; this bounds a lost notification.
     */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);

    /** How long after its last verification a team key still authenticates while the database is down. */
    public static final Duration DEGRADED_TRUST = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final SystemKeys systemKeys;
    private final KeyStore keys;
    private final ViewCache<String, ApiKey> verified;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** The caller a verified record gives, kept beside the record it was made from (same instance or made again). */
    private record Resolved(ApiKey key, Caller caller) {
    }

    Authenticator(SystemKeys systemKeys, KeyStore keys, ChangeFeed feed, MeterRegistry metrics) {
        this.systemKeys = systemKeys;
        this.keys = keys;
        this.verified = new ViewCache<>("api-keys", feed, CACHE_TTL, false, metrics);
        feed.on("key", this::forget);
    }

    public Uni<Optional<Caller>> authenticate(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = ApiKeyFormat.sha256Hex(key);
        Optional<Caller> system = systemKeys.matchHash(hash);
        if (system.isPresent()) {
            return Uni.createFrom().item(system);
        }
        Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(key);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return verified.get(hash, () -> keys.findByHash(hash)).map(found -> {
            if (found == null) {
                verified.invalidate(hash);
                return Optional.<Caller>empty();
            }
            return toCaller(found, parsed.get());
        }).onFailure(DbFailures::isUnreachable).recoverWithUni(e -> {
            // database down (SPEC §7): a key verified recently still authenticates; anything else waits for it
            Optional<ViewCache.Known<ApiKey>> known = verified.known(hash);
            if (known.isPresent() && known.get().age().compareTo(DEGRADED_TRUST) < 0) {
                return Uni.createFrom().item(toCaller(known.get().value(), parsed.get()));
            }
            return Uni.createFrom().failure(e);
        });
    }

    /**
     * The caller of {@code key} when memory alone can tell: a system key, or a team key verified lately and still usable.
     * Null when the database must be asked, and for a key that is refused (the long way says why).
     */
    public Caller known(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return null;
        }
        String hash = ApiKeyFormat.sha256Hex(key);
        Optional<Caller> system = systemKeys.matchHash(hash);
        if (system.isPresent()) {
            return system.get();
        }
        ApiKey found = verified.peek(hash);
        if (found == null) {
            return null;
        }
        // the caller of a record is worked out once (key parse, checksum, agreement with the record), not on every read
        Resolved r = resolved.get(hash);
        if (r == null || r.key() != found) {
            Optional<Caller> caller = ApiKeyFormat.parse(key).filter(p -> agrees(found, p)).map(p -> callerOf(found));
            if (caller.isEmpty()) {
                return null;
            }
            if (resolved.size() >= ViewCache.MAX_ENTRIES) {
                resolved.clear();
            }
            r = new Resolved(found, caller.get());
            resolved.put(hash, r);
        }
        if (!found.usableAt(Instant.now())) {
            return null;
        }
        used.add(found.id());
        return r.caller();
    }

    /** Drops a key from memory at once (revocation on this replica; others hear of it through the change feed). */
    public void forget(String keyId) {
        verified.invalidateIf(k -> k.id().equals(keyId));
    }

    private Optional<Caller> toCaller(ApiKey key, ApiKeyFormat.Parsed parsed) {
        if (!key.usableAt(Instant.now()) || !agrees(key, parsed)) {
            return Optional.empty();
        }
        used.add(key.id());
        return Optional.of(callerOf(key));
    }

    /** Whether the role and team written into the key text agree with its record. */
    private static boolean agrees(ApiKey key, ApiKeyFormat.Parsed parsed) {
        return key.role() == parsed.role() && key.teamId() != null && key.teamId().startsWith(parsed.teamPart());
    }

    private static Caller callerOf(ApiKey key) {
        return Caller.team(key.id(), key.teamId(), key.role(), key.name(),
                key.rateLimit() == null ? null : key.rateLimit().requestsPerMinute());
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
