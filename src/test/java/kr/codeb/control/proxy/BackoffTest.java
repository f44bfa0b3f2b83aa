package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest
    @CsvSource({"0,1", "1,1", "2,2", "3,4", "4,8", "5,16", "6,32", "7,60", "8,60", "100,60", "2147483647,60"})
    void startsAtOneSecondAndDoublesUpToSixty(int failures, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Backoff.after(failures));
    }
}
