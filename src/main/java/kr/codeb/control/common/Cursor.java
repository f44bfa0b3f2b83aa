package kr.codeb.control.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The opaque keyset cursor of list endpoints: the key values of the last item, joined and base64url-encoded. */
public final class Cursor {

    public static final int MAX_LENGTH = 512;

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    /**
     * The cursor for these key values.
     *
     * @throws IllegalArgumentException when there are no parts, a part is empty or contains U+001F, or the cursor
     *     would be longer than 512 characters (which {@link #decode} would reject)
     */
    public static String encode(String... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("a cursor needs at least one part");
        }
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            Objects.requireNonNull(part, "cursor part");
            if (part.isEmpty() || part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a cursor part must be non-empty and must not contain U+001F");
            }
            if (joined.length() > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(part);
        }
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
        if (cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("cursor would be longer than " + MAX_LENGTH + " characters");
        }
        return cursor;
    }

    /** The key values of a cursor made by {@link #encode} with {@code expectedParts} parts; empty for anything else. */
    public static Optional<List<String>> decode(String cursor, int expectedParts) {
        if (expectedParts < 1) {
            throw new IllegalArgumentException("expectedParts must be at least 1");
        }
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        String joined;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
            joined = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        // Only the exact text encode() makes is accepted (no padding, no stray low bits): one cursor per position.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
            return Optional.empty();
        }
        String[] parts = joined.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != expectedParts) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(parts));
    }
}
