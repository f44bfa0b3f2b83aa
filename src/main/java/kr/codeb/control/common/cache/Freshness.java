package kr.codeb.control.common.cache;

/** What a {@link ViewCache} asks before it answers from memory; {@link ChangeFeed} is the one that knows. */
public interface Freshness {

    /** Whether memory may answer at all (changes are being heard). */
    boolean live();

    /** Entries read in an earlier epoch are not served. */
    long epoch();
}
