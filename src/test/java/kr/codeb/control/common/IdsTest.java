package kr.codeb.control.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static final Pattern ULID = Pattern.compile("[0-7][0-9a-hjkmnp-tv-z]{25}");

    @ParameterizedTest(name = "prefix {0}")
    @ValueSource(strings = {"team", "key", "dep", "aud", "a", "abcde", "v2"})
    void idIsPrefixUnderscoreAndLowerCaseUlid(String prefix) {
        String id = Ids.newId(prefix);

        assertTrue(id.startsWith(prefix + "_"), id);
        assertTrue(ULID.matcher(id.substring(prefix.length() + 1)).matches(), id);
        assertTrue(id.length() <= 32, id);
    }

    @ParameterizedTest(name = "prefix \"{0}\" is rejected")
    @EmptySource
    @ValueSource(strings = {"abcdef", "Team", "te_m", "1ab", "te-m", "tëam", " team"})
    void badPrefixIsRejected(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> Ids.newId(prefix));
    }

    @Test
    void nullPrefixIsANullPointer() {
        assertThrows(NullPointerException.class, () -> Ids.newId(null));
    }

    @Test
    void idsFromLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
        String earlier = Ids.newId("dep");
        Thread.sleep(2);
        String later = Ids.newId("dep");

        assertTrue(earlier.compareTo(later) < 0, earlier + " !< " + later);
    }

    @Test
    void idsSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newId("aud"));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void tenThousandIdsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newId("key"));
        }
        assertEquals(10_000, ids.size());
    }

    // The last row is the time of the ULID specification's example, 01ARYZ6S41TSV4RRFFQ69G5FAV.
    @ParameterizedTest(name = "ulid({0}, {1}, {2}) = {3}")
    @CsvSource({
        "0,               0,     0,                    00000000000000000000000000",
        "1,               0,     0,                    00000000010000000000000000",
        "0,               0,     1,                    00000000000000000000000001",
        "0,               0,     31,                   0000000000000000000000000z",
        "0,               0,     32,                   00000000000000000000000010",
        "281474976710655, 65535, -1,                   7zzzzzzzzzzzzzzzzzzzzzzzzz",
        "0,               1,     0,                    0000000000000g000000000000",
        "1469918176385,   0,     0,                    01aryz6s410000000000000000",
    })
    void ulidEncodesTimeThenRandomBitsInCrockfordBase32(long millis, long high, long low, String expected) {
        assertEquals(expected, Ids.ulid(millis, high, low));
    }

    @Test
    void ulidOrderFollowsTime() {
        assertTrue(Ids.ulid(1000, 65535, -1).compareTo(Ids.ulid(1001, 0, 0)) < 0);
        assertTrue(Ids.ulid(31, 0, 0).compareTo(Ids.ulid(32, 0, 0)) < 0);
    }

    @Test
    void ulidRejectsTimeOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Ids.ulid(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Ids.ulid(1L << 48, 0, 0));
    }
}
