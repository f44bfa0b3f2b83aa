package kr.codeb.control.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    static Stream<List<String>> roundTrips() {
        return Stream.of(
                List.of("dep_01jh0000000000000000000000"),
                List.of("2026-01-15T00:00:00Z", "aud_01jh0000000000000000000000"),
                List.of("a", "b", "c"),
                List.of("팀", "é", "\uD83D\uDE80"),
                List.of("with space", "with/slash+plus=eq"));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void encodedPartsDecodeToTheSameParts(List<String> parts) {
        String cursor = Cursor.encode(parts.toArray(String[]::new));

        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals(Optional.of(parts), Cursor.decode(cursor, parts.size()));
    }

    @Test
    void wrongPartCountIsRejected() {
        String cursor = Cursor.encode("2026-01-15T00:00:00Z", "aud_1");

        assertEquals(Optional.empty(), Cursor.decode(cursor, 1));
        assertEquals(Optional.empty(), Cursor.decode(cursor, 3));
    }

    static Stream<Arguments> garbage() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return Stream.of(
                Arguments.of("not base64 at all!"),
                Arguments.of("abc$"),
                Arguments.of("A"),
                Arguments.of("YQ=="),
                Arguments.of("YR"),
                Arguments.of("YWJj+/8"),
                Arguments.of(" YWJj"),
                Arguments.of("YWJj\n"),
                Arguments.of(encoder.encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe})),
                Arguments.of(encoder.encodeToString("a\u001f".getBytes(StandardCharsets.UTF_8))),
                Arguments.of(encoder.encodeToString("\u001fa".getBytes(StandardCharsets.UTF_8))),
                Arguments.of("A".repeat(513)),
                Arguments.of("\u00e9\u00e9\u00e9\u00e9"));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @MethodSource("garbage")
    void garbageIsRejected(String cursor) {
        assertEquals(Optional.empty(), Cursor.decode(cursor, 1));
        assertEquals(Optional.empty(), Cursor.decode(cursor, 2));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "=", "===="})
    void missingCursorIsRejected(String cursor) {
        assertEquals(Optional.empty(), Cursor.decode(cursor, 1));
    }

    @Test
    void longestAcceptedCursorIs512Characters() {
        // 384 bytes encode to exactly 512 characters.
        String cursor = Cursor.encode("x".repeat(384));
        assertEquals(512, cursor.length());
        assertEquals(Optional.of(List.of("x".repeat(384))), Cursor.decode(cursor, 1));
        assertThrows(IllegalArgumentException.class, () -> Cursor.encode("x".repeat(385)));
    }

    @Test
    void encodeRejectsPartsItCouldNotDecode() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.encode());
        assertThrows(IllegalArgumentException.class, () -> Cursor.encode("a", ""));
        assertThrows(IllegalArgumentException.class, () -> Cursor.encode("a\u001fb"));
        assertThrows(NullPointerException.class, () -> Cursor.encode("a", null));
    }

    @Test
    void expectedPartsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(Cursor.encode("a"), 0));
    }
}
