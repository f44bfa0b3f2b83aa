package kr.codeb.control.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an attempt leads to: the retry schedule, Retry-After, 410, and a redelivery's single attempt. */
class AttemptsTest {

    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30));
    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");

    static Attempts.Outcome after(Integer status, String retryAfter, int attempts) {
        return Attempts.decide(new Attempts.Result(status, retryAfter, null, null), attempts, null, SCHEDULE, NOW);
    }

    @Test
    void eachFailureWaitsTheNextStepThenTheDeliveryFails() {
        Map<Integer, Duration> expected = Map.of(1, Duration.ofSeconds(5), 2, Duration.ofMinutes(5), 3, Duration.ofMinutes(30));
        expected.forEach((attempt, wait) -> {
            Attempts.Outcome o = after(500, null, attempt);
            assertEquals(Attempts.Kind.RETRY, o.kind());
            assertEquals(NOW.plus(wait), o.next());
        });
        assertEquals(Attempts.Kind.FAILED, after(500, null, 4).kind());
        assertEquals(Attempts.Kind.RETRY, after(null, null, 1).kind(), "no answer at all is retried");
        assertEquals(Attempts.Kind.RETRY, after(301, null, 1).kind(), "a redirect is not followed, and not a delivery");
    }

    @Test
    void twoHundredsDeliverAnd410IsGone() {
        assertEquals(Attempts.Kind.DELIVERED, after(200, null, 9).kind());
        assertEquals(Attempts.Kind.DELIVERED, after(204, null, 1).kind());
        assertEquals(Attempts.Kind.GONE, after(410, null, 1).kind());
    }

    @Test
    void retryAfterOf429And503IsHonouredUpToADay() {
        assertEquals(NOW.plusSeconds(120), after(429, "120", 1).next());
        assertEquals(NOW.plusSeconds(60), after(503, "Thu, 15 Jan 2026 00:01:00 GMT", 1).next());
        assertEquals(NOW.plus(Duration.ofHours(24)), after(503, "999999", 1).next());
        assertEquals(NOW.plusSeconds(5), after(503, "soon", 1).next(), "an unreadable Retry-After falls back to the schedule");
        assertEquals(NOW.plusSeconds(5), after(500, "120", 1).next(), "only 429 and 503 are asked to wait");
        assertNull(Attempts.retryAfter(null, NOW));
    }

    @Test
    void aRedeliveryHasExactlyOneMoreAttempt() {
        Attempts.Outcome o = Attempts.decide(new Attempts.Result(500, null, null, null), 2, 2, SCHEDULE, NOW);
        assertEquals(Attempts.Kind.FAILED, o.kind());
    }
}
