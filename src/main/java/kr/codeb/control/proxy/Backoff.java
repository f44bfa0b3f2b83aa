package kr.codeb.control.proxy;

import java.time.Duration;

/** How long a failed sync waits before its next attempt (SPEC §9): 1 s, doubling, at most 60 s. Pure. */
public final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private Backoff() {
    }

    /** The wait after {@code failures} failures in a row (1 or more). */
    public static Duration after(int failures) {
        if (failures <= 1) {
            return FIRST;
        }
        // 2^6 s is past the cap already; shifting further would overflow for a long outage
        int exponent = Math.min(failures - 1, 6);
        Duration d = FIRST.multipliedBy(1L << exponent);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
