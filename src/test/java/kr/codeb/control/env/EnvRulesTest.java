package kr.codeb.control.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.codeb.control.common.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "_", "DATABASE_URL", "_PRIVATE", "X1", "A_1_B", "__"})
    void validNamesAreAccepted(String name) {
        EnvRules rules = new EnvRules();
        assertEquals(Map.of(name, "v"), rules.variables("variables", Map.of(name, "v")));
        assertTrue(rules.errors().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1A", "lower", "Mixed", "A-B", "A.B", "A B", "Ä", "A\n"})
    void invalidNamesAreFieldErrors(String name) {
        EnvRules rules = new EnvRules();
        assertEquals(Map.of(), rules.variables("variables", Map.of(name, "v")));
        assertEquals(1, rules.errors().size());
        assertTrue(rules.errors().get(0).field().startsWith("variables."), rules.errors().get(0).field());
    }

    @Test
    void nameLongerThan255IsRefused() {
        EnvRules rules = new EnvRules();
        rules.variables("variables", Map.of("A".repeat(256), "v"));
        assertEquals(1, rules.errors().size());
    }

    @Test
    void valuesMustBeStrings() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("NUMBER", 1);
        raw.put("BOOL", true);
        raw.put("NULL", null);
        raw.put("OBJECT", Map.of("a", "b"));
        raw.put("OK", "fine");
        EnvRules rules = new EnvRules();
        assertEquals(Map.of("OK", "fine"), rules.variables("set", raw));
        assertEquals(List.of("set.NUMBER", "set.BOOL", "set.NULL", "set.OBJECT"), rules.errors().stream().map(ApiException.FieldError::field).toList());
    }

    @Test
    void valueSizeIsCountedInUtf8Bytes() {
        EnvRules rules = new EnvRules();
        rules.variables("variables", Map.of("ASCII", "a".repeat(32 * 1024), "HANGUL", "가".repeat(11_000)));
        assertEquals(1, rules.errors().size(), "32768 ASCII bytes fit; 11000 × 3 bytes do not");
        assertEquals("variables.HANGUL", rules.errors().get(0).field());
        assertTrue(rules.errors().get(0).message().contains("33000 bytes"), rules.errors().get(0).message());
    }

    @Test
    void atMost500Variables() {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            raw.put("K" + i, "v");
        }
        EnvRules ok = new EnvRules();
        assertEquals(500, ok.variables("variables", raw).size());
        assertTrue(ok.errors().isEmpty());
        raw.put("K500", "v");
        EnvRules tooMany = new EnvRules();
        tooMany.variables("variables", raw);
        assertEquals("variables", tooMany.errors().get(0).field());
    }

    @Test
    void unsetNamesAreCheckedByIndex() {
        EnvRules rules = new EnvRules();
        assertEquals(List.of("A"), List.copyOf(rules.names("unset", Arrays.asList("A", "bad", 3, null))));
        assertEquals(List.of("unset[1]", "unset[2]", "unset[3]"), rules.errors().stream().map(ApiException.FieldError::field).toList());
    }

    @Test
    void errorsAreCappedAndThrownTogether() {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            raw.put("bad" + i, "v");
        }
        EnvRules rules = new EnvRules();
        rules.variables("variables", raw);
        ApiException e = assertThrows(ApiException.class, rules::throwIfAny);
        assertEquals(400, e.status());
        assertEquals(EnvRules.MAX_ERRORS, ((List<?>) e.extensions().get("errors")).size());
    }

    @Test
    void controlCharactersInANameAreNotEchoed() {
        EnvRules rules = new EnvRules();
        rules.variables("variables", Map.of("A\u0007B", "v"));
        assertEquals("variables.AB", rules.errors().get(0).field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "3|-", "3|''", "3|\"3\"", "3|3", "3|W/\"3\"", "3|\"1\", \"3\"", "3|*", "0|\"0\"",
    })
    void ifMatchAccepts(int version, String header) {
        EnvRules.checkIfMatch(version, header);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3|\"2\"", "3|\"4\"", "3|abc", "0|*", "0|\"1\"", "3|\"03\""})
    void ifMatchRefuses(int version, String header) {
        ApiException e = assertThrows(ApiException.class, () -> EnvRules.checkIfMatch(version, header));
        assertEquals(412, e.status());
        assertFalse(e.getMessage().isEmpty());
    }
}
