package kr.codeb.control.common.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list: {@code {"items": [...], "nextCursor": "…" | null}}. */
@RegisterForReflection
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /**
     * Builds the page from {@code fetched}, which holds up to {@code limit + 1} rows: the extra row only
     * tells that another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
