package kr.codeb.control.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PathParamsTest {

    @ParameterizedTest(name = "\"{0}\" could be an id")
    @ValueSource(strings = {"team_01jd3x7k2m9q8r4t6v5w0y1z2a", "mem_x", "t-abc", "a", "team.legacy", "abcdefghijklmnopqrstuvwxyz012345"})
    void plausibleIds(String id) {
        assertTrue(RequestParams.isPlausibleId(id));
    }

    @ParameterizedTest(name = "\"{0}\" cannot be an id")
    @NullAndEmptySource
    @ValueSource(strings = {"abcdefghijklmnopqrstuvwxyz0123456", "a b", "a/b", "a\u0000b", "ü", "x'; drop table teams; --"})
    void implausibleIds(String id) {
        assertFalse(RequestParams.isPlausibleId(id));
    }

    @Test
    void shownQuotesAndDropsControlCharacters() {
        assertEquals("'ab'", RequestParams.shown("a\u0000\nb"));
        assertEquals("''", RequestParams.shown(null));
    }

    @Test
    void shownCutsLongTextAtACodePoint() {
        assertEquals("'" + "😀".repeat(64) + "…'", RequestParams.shown("😀".repeat(100)));
    }
}
