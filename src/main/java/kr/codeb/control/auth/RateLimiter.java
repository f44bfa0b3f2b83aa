package kr.codeb.control.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-key token buckets for {@code api_keys.rate_limit} ({@code {"requestsPerMinute": N}}): a key may
 * burst up to N requests and regains N per minute. Per replica, in memory.
 */
@ApplicationScoped
public class RateLimiter {

    /** A bucket's state; guarded by its own monitor. */
    private static final class Bucket {
        double tokens;
        long refilledAt;
        int capacity;
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from {@code keyId}'s bucket: 0 when allowed, else the seconds to wait. */
    public long acquire(String keyId, int requestsPerMinute) {
        return acquire(keyId, requestsPerMinute, System.nanoTime());
    }

    long acquire(String keyId, int requestsPerMinute, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(keyId, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = requestsPerMinute;
            fresh.capacity = requestsPerMinute;
            fresh.refilledAt = nowNanos;
            return fresh;
        });
        synchronized (b) {
            double perNano = requestsPerMinute / 60e9;
            if (b.capacity != requestsPerMinute) {
                b.tokens = Math.min(b.tokens, requestsPerMinute);
                b.capacity = requestsPerMinute;
            }
            b.tokens = Math.min(requestsPerMinute, b.tokens + (nowNanos - b.refilledAt) * perNano);
            b.refilledAt = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }

    /** Forgets a key's bucket (revoked keys). */
    public void forget(String keyId) {
        buckets.remove(keyId);
    }
}
