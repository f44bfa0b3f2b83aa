package kr.codeb.control.slot;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import kr.codeb.control.common.cache.ChangeFeed;
import kr.codeb.control.common.cache.ViewCache;

/**
 * The slot rows and freezes of the environments being read, in memory: CI pipelines, CLIs and proxies poll them with
 * keys (issue 10). Any change of a slots row, its checks or its freeze is reported by the change feed under
 * {@code slot:<project>/<environment>}; an environment never deployed to is remembered as empty, its first deploy
 * notifies under the same key.
 */
// a singleton, not a client proxy: called on every slot read (issue 10)
@Singleton
class SlotViews {

    /** Backstop of a lost notification. */
    static final Duration TTL = Duration.ofSeconds(30);

    private final SlotRepository slots;
    private final ViewCache<String, SlotRepository.Current> current;

    SlotViews(SlotRepository slots, ChangeFeed feed, MeterRegistry metrics) {
        this.slots = slots;
        this.current = new ViewCache<>("slots", feed, TTL, false, metrics);
        feed.on("slot", current::invalidate);
    }

    /** The environment's rows when memory may serve them; null when they must be read. */
    SlotRepository.Current known(String project, String env) {
        return current.peek(project + "/" + env);
    }

    Uni<SlotRepository.Current> current(String project, String env) {
        return current.get(project + "/" + env, () -> slots.current(project, env));
    }
}
