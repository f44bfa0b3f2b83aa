package kr.codeb.control.common.web;

import java.util.List;
import java.util.Optional;
import kr.codeb.control.common.Cursor;
import kr.codeb.control.common.problem.ApiException;

/** The validated {@code limit} and {@code cursor} of a list request (SPEC §5: default 50, max 200, opaque keyset cursor). */
public record PageRequest(int limit, Optional<List<String>> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Parses raw query values; a bad limit or a cursor this list did not issue is a 400. */
    public static PageRequest parse(String limit, String cursor, int cursorParts) {
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(n, Optional.empty());
        }
        List<String> parts = Cursor.decode(cursor, cursorParts)
                .orElseThrow(() -> ApiException.invalid("cursor", "is not a cursor issued by this list"));
        return new PageRequest(n, Optional.of(parts));
    }

    /** The number of rows to fetch: one more than the page, to learn whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
