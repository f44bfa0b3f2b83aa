package kr.codeb.control.common.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A memory view of database rows, kept correct by the {@link ChangeFeed} ({@link Freshness}): an entry is served while the feed listens, it was
 * read in the feed's current epoch and is younger than the TTL (the backstop should a notification ever go missing);
 * the owner drops entries on the notifications of their rows. A load that overlapped any invalidation is answered but
 * not kept, so a notification that arrives while a read is in flight can never leave the older row behind.
 * Values may be null (a negative answer, such as "no project of that name") when the view keeps absences.
 */
public final class ViewCache<K, V> {

    /** Entries held at most; beyond that the view starts again empty rather than grow with what callers invent. */
    public static final int MAX_ENTRIES = 10_000;

    /** A value and when it was read, for callers that may fall back on an older one ({@link #known}). */
    public record Known<V>(V value, Duration age) {
    }

    private record Entry<V>(V value, long readAtNanos, long epoch) {
    }

    private final Freshness feed;
    private final long ttlNanos;
    private final boolean keepsAbsent;
    private final ConcurrentMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();
    // counted in adders the registry reads when scraped: a registered Counter costs a composite dispatch per lookup,
    // three lookups per slot read (issue 10)
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * A view named {@code name} in the metrics; {@code keepsAbsent}: whether a load's null is kept too (only where the
     * row's creation notifies under the same key).
     */
    public ViewCache(String name, Freshness feed, Duration ttl, boolean keepsAbsent, MeterRegistry metrics) {
        this.feed = feed;
        this.ttlNanos = ttl.toNanos();
        this.keepsAbsent = keepsAbsent;
        FunctionCounter.builder("codeb.cache.lookups", hits, LongAdder::sum).tags("cache", name, "result", "hit").register(metrics);
        FunctionCounter.builder("codeb.cache.lookups", misses, LongAdder::sum).tags("cache", name, "result", "miss").register(metrics);
    }

    /** The value of {@code key}: from memory when it may be served, else from {@code load} (kept when that is safe). */
    public Uni<V> get(K key, Supplier<Uni<V>> load) {
        long epoch = feed.epoch();
        boolean live = feed.live();
        Entry<V> e = entries.get(key);
        if (servable(e, live, epoch)) {
            hits.increment();
            return Uni.createFrom().item(e.value());
        }
        misses.increment();
        long seen = invalidations.get();
        long readAt = System.nanoTime();
        return load.get().invoke(v -> {
            if ((v != null || keepsAbsent) && live && invalidations.get() == seen && feed.epoch() == epoch && feed.live()) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(key, new Entry<>(v, readAt, epoch));
            }
        });
    }

    /**
     * The value of {@code key} when memory may serve it, without loading: null when it would have to be read (or is a
     * kept absence). For answers given from memory alone, which go the long way on a null.
     */
    public V peek(K key) {
        Entry<V> e = entries.get(key);
        if (e != null && e.value() != null && servable(e, feed.live(), feed.epoch())) {
            hits.increment();
            return e.value();
        }
        return null;
    }

    private boolean servable(Entry<V> e, boolean live, long epoch) {
        return live && e != null && e.epoch() == epoch && System.nanoTime() - e.readAtNanos() < ttlNanos;
    }

    /** The last value read for {@code key} however old, unless it was invalidated: for answering while the database is down. */
    public Optional<Known<V>> known(K key) {
        Entry<V> e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(new Known<>(e.value(), Duration.ofNanos(System.nanoTime() - e.readAtNanos())));
    }

    /** Drops {@code key}: its rows changed. */
    public void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.remove(key);
    }

    /** Drops every entry whose value matches {@code changed} (for views keyed by something other than what changes). */
    public void invalidateIf(Predicate<V> changed) {
        invalidations.incrementAndGet();
        entries.values().removeIf(e -> e.value() != null && changed.test(e.value()));
    }
}
