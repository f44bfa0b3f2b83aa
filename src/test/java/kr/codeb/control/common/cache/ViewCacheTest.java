package kr.codeb.control.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ViewCacheTest {

    /** A feed the test drives by hand. */
    private static final class Feed implements Freshness {
        volatile boolean live = true;
        volatile long epoch;

        @Override
        public boolean live() {
            return live;
        }

        @Override
        public long epoch() {
            return epoch;
        }
    }

    private final Feed feed = new Feed();
    private final AtomicInteger loads = new AtomicInteger();

    private ViewCache<String, String> cache(Duration ttl, boolean keepsAbsent) {
        return new ViewCache<>("test", feed, ttl, keepsAbsent, new SimpleMeterRegistry());
    }

    private String get(ViewCache<String, String> cache, String key, String value) {
        return cache.get(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(value);
        }).await().indefinitely();
    }

    @Test
    void aLoadedValueIsServedFromMemoryUntilItsRowChanges() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        assertEquals("v1", get(cache, "k", "v1"));
        assertEquals("v1", get(cache, "k", "v2"));
        assertEquals(1, loads.get());
        cache.invalidate("k");
        assertEquals("v2", get(cache, "k", "v2"));
        assertEquals(2, loads.get());
        cache.invalidateIf("v2"::equals);
        assertEquals("v3", get(cache, "k", "v3"));
    }

    @Test
    void aNewEpochRetiresEverythingReadBeforeIt() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        get(cache, "k", "old");
        feed.epoch++;
        assertEquals("new", get(cache, "k", "new"));
        assertEquals("new", get(cache, "k", "newer"));
        assertEquals(2, loads.get());
    }

    @Test
    void withoutTheFeedEveryReadGoesToTheDatabaseAndNothingIsKept() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        get(cache, "k", "v1");
        feed.live = false;
        assertEquals("v2", get(cache, "k", "v2"));
        assertEquals("v3", get(cache, "k", "v3"));
        feed.live = true;
        feed.epoch++;
        assertEquals("v4", get(cache, "k", "v4"));
        assertEquals(4, loads.get());
    }

    @Test
    void aLoadThatOverlappedAnInvalidationIsAnsweredButNotKept() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        AtomicReference<UniEmitter<? super String>> pending = new AtomicReference<>();
        AtomicReference<String> answer = new AtomicReference<>();
        cache.get("k", () -> Uni.createFrom().<String>emitter(pending::set)).subscribe().with(answer::set);
        // the row changes while its old value is on the way back from the database
        cache.invalidate("k");
        pending.get().complete("old");
        assertEquals("old", answer.get());
        assertEquals("new", get(cache, "k", "new"));
        assertEquals(1, loads.get());
    }

    @Test
    void aLoadThatSpannedANewEpochIsNotKept() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        AtomicReference<UniEmitter<? super String>> pending = new AtomicReference<>();
        cache.get("k", () -> Uni.createFrom().<String>emitter(pending::set)).subscribe().with(v -> { });
        feed.epoch++;
        pending.get().complete("old");
        assertEquals("new", get(cache, "k", "new"));
    }

    @Test
    void theTtlBoundsAnEntryWhoseNotificationWentMissing() throws InterruptedException {
        ViewCache<String, String> cache = cache(Duration.ofMillis(30), false);
        get(cache, "k", "v1");
        Thread.sleep(60);
        assertEquals("v2", get(cache, "k", "v2"));
    }

    @Test
    void absencesAreKeptOnlyWhereAsked() {
        ViewCache<String, String> keeps = cache(Duration.ofMinutes(1), true);
        assertNull(get(keeps, "k", null));
        assertNull(get(keeps, "k", "created"));
        assertEquals(1, loads.get());
        ViewCache<String, String> not = cache(Duration.ofMinutes(1), false);
        assertNull(get(not, "k", null));
        assertEquals("created", get(not, "k", "created"));
    }

    @Test
    void theLastKnownValueOutlivesAnEpochButNotAnInvalidation() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        get(cache, "k", "v1");
        feed.epoch++;
        assertEquals("v1", cache.known("k").orElseThrow().value());
        assertTrue(cache.known("k").orElseThrow().age().compareTo(Duration.ofSeconds(5)) < 0);
        cache.invalidate("k");
        assertTrue(cache.known("k").isEmpty());
    }

    @Test
    void aFullViewStartsAgainEmptyRatherThanGrow() {
        ViewCache<String, String> cache = cache(Duration.ofMinutes(1), false);
        for (int i = 0; i < ViewCache.MAX_ENTRIES; i++) {
            get(cache, "k" + i, "v");
        }
        get(cache, "k0", "v");
        assertEquals(ViewCache.MAX_ENTRIES, loads.get());
        get(cache, "one-more", "v");
        get(cache, "k1", "v");
        assertEquals(ViewCache.MAX_ENTRIES + 2, loads.get(), "the view was emptied when it reached its bound");
    }
}
