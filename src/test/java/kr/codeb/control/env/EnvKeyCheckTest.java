package kr.codeb.control.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up key check as a pure decision. */
class EnvKeyCheckTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "aaaa, aaaa, -,    MATCH",
        "aaaa, aaaa, bbbb, MATCH",
        "bbbb, aaaa, bbbb, ROTATE",
        "cccc, aaaa, bbbb, MISMATCH",
        "cccc, aaaa, -,    MISMATCH",
    })
    void storedFingerprintDecidesBetweenUseRotateAndRefuse(String stored, String current, String previous, EnvKeys.Check expected) {
        assertEquals(expected, EnvKeys.check(stored, current, previous));
    }

    @Test
    void mismatchNamesTheVariableAndBothFingerprintsButNoKey() {
        String m = EnvKeys.mismatch("aaaa", "bbbb").getMessage();
        assertTrue(m.startsWith("CODEB_ENV_ENCRYPTION_KEY is not the key"), m);
        assertTrue(m.contains("aaaa") && m.contains("bbbb") && m.contains("CODEB_ENV_ENCRYPTION_KEY_PREVIOUS"), m);
    }
}
