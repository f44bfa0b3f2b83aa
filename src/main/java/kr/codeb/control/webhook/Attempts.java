package kr.codeb.control.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What one delivery attempt leads to (SPEC §10), as a pure function: 2xx delivered; 410 gone (the webhook is disabled);
 * otherwise another attempt after the next wait of the retry schedule (429/503 wait as long as their Retry-After asks,
 * at most a day), until the schedule is used up and the delivery fails.
 */
final class Attempts {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    /** What an attempt got: the status (null: no answer), the Retry-After header, an error and the kept answer. */
    record Result(Integer status, String retryAfter, String error, String response) {

        static Result noAnswer(String error) {
            return new Result(null, null, error, null);
        }
    }

    enum Kind { DELIVERED, RETRY, FAILED, GONE }

    /** The decision; {@code next} is set for {@link Kind#RETRY}. */
    record Outcome(Kind kind, Instant next) {
    }

    private Attempts() {
    }

    /**
     * @param attempts the attempts made so far, this one included
     * @param maxAttempts the most this delivery may have (a redelivery allows exactly one more); null: the schedule's
     */
    static Outcome decide(Result r, int attempts, Integer maxAttempts, List<Duration> schedule, Instant now) {
        Integer s = r.status();
        if (s != null && s >= 200 && s < 300) {
            return new Outcome(Kind.DELIVERED, null);
        }
        if (s != null && s == 410) {
            return new Outcome(Kind.GONE, null);
        }
        int limit = maxAttempts != null ? maxAttempts : schedule.size() + 1;
        if (attempts >= limit || schedule.isEmpty()) {
            return new Outcome(Kind.FAILED, null);
        }
        Duration wait = schedule.get(Math.min(Math.max(attempts, 1), schedule.size()) - 1);
        if (s != null && (s == 429 || s == 503)) {
            Duration asked = retryAfter(r.retryAfter(), now);
            if (asked != null) {
                wait = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
            }
        }
        return new Outcome(Kind.RETRY, now.plus(wait));
    }

    /** A Retry-After of delta-seconds or an HTTP date, as a wait from {@code now}; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (h.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(h));
        }
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
