package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1,3000,127.0.0.1:3000", "app-host,1,app-host:1", "slots.internal.example,65535,slots.internal.example:65535",
            "::1,8080,[::1]:8080", "[fd00::5],443,[fd00::5]:443"})
    void validHostAndPortMakeADial(String host, int port, String dial) {
        assertEquals(Optional.of(dial), Dials.of(host, port));
        assertTrue(Dials.valid(dial));
        assertEquals(port, Dials.port(dial));
    }

    @ParameterizedTest
    @CsvSource(value = {"127.0.0.1,0", "127.0.0.1,65536", "127.0.0.1,-1", "'',80", "'bad host',80", "'a/b',80", "'-lead',80",
            "'x:y:z;',80", "'127.0.0.1:3000',80", "'[a.b]',80", "NULL,80", "127.0.0.1,NULL"}, nullValues = "NULL")
    void anythingElseMakesNone(String host, Integer port) {
        assertEquals(Optional.empty(), Dials.of(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "host:", "host", "host:0", "host:99999", "host:8o", "host:80/x", "ho st:80", "::1:80", "[::1]:123456"})
    void malformedDialsAreNotValid(String dial) {
        assertFalse(Dials.valid(dial));
        assertNull(Dials.port(dial));
    }
}
