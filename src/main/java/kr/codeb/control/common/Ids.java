package kr.codeb.control.common;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Prefixed, time-ordered random ids ({@code team_01jh…}): the prefix, {@code _}, and a 26-character lower-case ULID
 * (48-bit millisecond time, 80 random bits), at most 32 characters in all.
 */
public final class Ids {

    public static final int MAX_PREFIX_LENGTH = 5;
    public static final int ULID_LENGTH = 26;

    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final long MAX_TIME = (1L << 48) - 1;
    private static final long RANDOM_HIGH_MASK = 0xFFFFL;

    private static final Object LOCK = new Object();
    private static long lastMillis = -1;
    private static long lastRandomHigh;
    private static long lastRandomLow;

    private Ids() {
    }

    /**
     * A new id; ids made by this JVM sort as strings in the order they were made, even within one millisecond.
     *
     * @throws IllegalArgumentException unless the prefix is 1–5 lower-case letters or digits, starting with a letter
     */
    public static String newId(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!validPrefix(prefix)) {
            throw new IllegalArgumentException("id prefix must be 1-" + MAX_PREFIX_LENGTH
                    + " lower-case letters or digits, starting with a letter");
        }
        long millis;
        long high;
        long low;
        synchronized (LOCK) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                // A new instance per call rather than a static field: a SecureRandom created during a native
                // build would be frozen into the image heap with its seed.
                SecureRandom random = new SecureRandom();
                lastMillis = now;
                lastRandomHigh = random.nextInt() & RANDOM_HIGH_MASK;
                lastRandomLow = random.nextLong();
            } else {
                // Same millisecond (or the clock went back): count up from the last id so the order holds.
                lastRandomLow++;
                if (lastRandomLow == 0) {
                    lastRandomHigh = (lastRandomHigh + 1) & RANDOM_HIGH_MASK;
                    if (lastRandomHigh == 0) {
                        lastMillis++;
                    }
                }
            }
            millis = lastMillis;
            high = lastRandomHigh;
            low = lastRandomLow;
        }
        return prefix + "_" + ulid(millis, high, low);
    }

    /** {@code [a-z][a-z0-9]{0,4}}, checked without a regex: every audit row of a read asks (issue 10). */
    private static boolean validPrefix(String prefix) {
        int n = prefix.length();
        if (n == 0 || n > MAX_PREFIX_LENGTH || prefix.charAt(0) < 'a' || prefix.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = prefix.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The 26-character ULID of a time and 80 random bits (low 16 of {@code randomHigh}, all of {@code randomLow}). */
    static String ulid(long millis, long randomHigh, long randomLow) {
        if (millis < 0 || millis > MAX_TIME) {
            throw new IllegalArgumentException("time out of ULID range: " + millis);
        }
        char[] chars = new char[ULID_LENGTH];
        // 10 characters hold 50 bits, of which the top 2 stay zero.
        for (int i = 9; i >= 0; i--) {
            chars[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 16 characters hold the 80 random bits: 16 from randomHigh above 64 from randomLow.
        long high = randomHigh & RANDOM_HIGH_MASK;
        long low = randomLow;
        for (int i = ULID_LENGTH - 1; i >= 10; i--) {
            chars[i] = CROCKFORD[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(chars);
    }
}
