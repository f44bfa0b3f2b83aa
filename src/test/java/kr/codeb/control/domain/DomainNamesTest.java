package kr.codeb.control.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

    private static final List<String> BASES = List.of("codeb.kr", "workb.net");

    @ParameterizedTest
    @CsvSource({
        "App.CodeB.KR, app.codeb.kr",
        "app.codeb.kr., app.codeb.kr",
        "'  example.com  ', example.com",
        "xn--bcher-kva.example, xn--bcher-kva.example"})
    void normaliseLowersTrimsAndDropsOneTrailingDot(String raw, String expected) {
        assertEquals(expected, DomainNames.normalise(raw));
        assertTrue(DomainNames.isValid(DomainNames.normalise(raw)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "my-app.codeb.kr", "a1.b2.c3.io", "0.example.com", "xn--80ak6aa92e.com"})
    void acceptsHostNames(String name) {
        assertTrue(DomainNames.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "-a.com", "a-.com", "a..com", ".a.com", "a.com..", "a_b.com", "a b.com",
        "*.codeb.kr", "bücher.de", "1.2.3.4", "a.123", "a.com/x", "a.com:80", "é.com"})
    void refusesWhatIsNotAHostName(String name) {
        assertFalse(DomainNames.isValid(name));
    }

    @org.junit.jupiter.api.Test
    void lengthLimitsAreThoseOfDns() {
        String label63 = "a".repeat(63);
        assertTrue(DomainNames.isValid(label63 + ".com"));
        assertFalse(DomainNames.isValid("a".repeat(64) + ".com"));
        String ok = String.join(".", label63, label63, label63, "a".repeat(61));
        assertEquals(253, ok.length());
        assertTrue(DomainNames.isValid(ok));
        assertFalse(DomainNames.isValid(ok + "a"));
    }

    @ParameterizedTest
    @CsvSource({
        "app.codeb.kr, subdomain, true",
        "a.b.workb.net, subdomain, true",
        "codeb.kr, subdomain, false",
        "app.notcodeb.kr, subdomain, false",
        "example.com, subdomain, false",
        "example.com, custom, true",
        "app.codeb.kr, custom, false",
        "workb.net, custom, false",
        "notcodeb.kr, custom, true"})
    void typeFollowsTheBaseDomains(String name, String type, boolean allowed) {
        Optional<String> problem = DomainNames.typeProblem(name, type, BASES);
        assertEquals(allowed, problem.isEmpty(), problem.orElse("allowed"));
    }
}
