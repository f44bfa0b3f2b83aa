package kr.codeb.control.common.db;

/** PostgreSQL WAL positions ({@code pg_lsn}, written {@code X/Y}) and the primary's positions sampled over time. */
final class Lsn {

    static final long NONE = Long.MIN_VALUE;

    private Lsn() {
    }

    /** {@code 16/B374D848} as one unsigned 64-bit position; {@link #NONE} for null. */
    static long parse(String text) {
        if (text == null) {
            return NONE;
        }
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return Long.parseUnsignedLong(text.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(text.substring(slash + 1), 16);
    }

    /** The newest primary positions with the instant (nanoTime) each was taken; written by one checker at a time. */
    static final class Samples {

        private final long[] at;
        private final long[] lsn;
        private int next;
        private int size;

        Samples(int capacity) {
            at = new long[capacity];
            lsn = new long[capacity];
        }

        synchronized void add(long when, long position) {
            at[next] = when;
            lsn[next] = position;
            next = (next + 1) % at.length;
            size = Math.min(size + 1, at.length);
        }

        /**
         * When the newest sample that {@code replayed} covers was taken: a server that has replayed that far holds every
         * transaction committed before that instant. {@link #NONE} when it covers none.
         */
        synchronized long heldBy(long replayed) {
            if (replayed == NONE) {
                return NONE;
            }
            for (int i = 1; i <= size; i++) {
                int k = Math.floorMod(next - i, at.length);
                if (Long.compareUnsigned(lsn[k], replayed) <= 0) {
                    return at[k];
                }
            }
            return NONE;
        }
    }
}
