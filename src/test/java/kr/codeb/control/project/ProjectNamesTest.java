package kr.codeb.control.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNamesTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "My_App        | my-app",
        "My App        | my-app",
        "'  my-app  '  | my-app",
        "MYAPP         | myapp",
        "a_b c-d       | a-b-c-d",
        "My  App       | my--app",
        "web2          | web2",
        "'_x_'         | -x-",
    })
    void normaliseLowerCasesAndTurnsSpacesAndUnderscoresIntoHyphens(String raw, String expected) {
        assertEquals(expected, ProjectNames.normalise(raw));
    }

    @Test
    void normaliseOfNullIsEmptyAndInvalid() {
        assertEquals("", ProjectNames.normalise(null));
        assertFalse(ProjectNames.isValid(ProjectNames.normalise(null)));
    }

    @ParameterizedTest(name = "\"{0}\" is valid")
    @ValueSource(strings = {"a", "0", "my-app", "a--b", "app2", "2app", "a-b-c"})
    void validNames(String name) {
        assertTrue(ProjectNames.isValid(name));
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @NullAndEmptySource
    @ValueSource(strings = {
        "-x", "x-", "-", "My-App", "my_app", "my app", "my.app", "café", "앱", "app\u0000", " app", "app\n",
    })
    void invalidNames(String name) {
        assertFalse(ProjectNames.isValid(name));
    }

    @Test
    void lengthLimitIsOneHundred() {
        assertTrue(ProjectNames.isValid("a".repeat(100)));
        assertTrue(ProjectNames.isValid("a" + "-".repeat(98) + "b"));
        assertFalse(ProjectNames.isValid("a".repeat(101)));
    }

    @ParameterizedTest(name = "\"{0}\" normalises to an invalid name")
    @ValueSource(strings = {"Café", "내 앱", "_app", "app_", "   ", "a.b"})
    void nonAsciiOrEdgeHyphensStayInvalidAfterNormalising(String raw) {
        assertFalse(ProjectNames.isValid(ProjectNames.normalise(raw)));
    }
}
