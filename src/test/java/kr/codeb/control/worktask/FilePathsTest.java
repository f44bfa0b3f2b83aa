package kr.codeb.control.worktask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FilePathsTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "src/a.ts           | src/a.ts",
        "a/./b              | a/b",
        "a//b               | a/b",
        "'a\\b'             | a/b",
        "'src\\lib\\a.ts'   | src/lib/a.ts",
        "./a                | a",
        "././a              | a",
        "/src/a.ts          | src/a.ts",
        "//src///a.ts       | src/a.ts",
        "src/               | src",
        "a/.                | a",
        "'  src/a.ts  '     | src/a.ts",
        "....               | ....",
        "a..b               | a..b",
        "a/.../b            | a/.../b",
        ".env               | .env",
        "a/.hidden/b        | a/.hidden/b",
        "'my file.ts'       | my file.ts",
        "src/컴포넌트.tsx    | src/컴포넌트.tsx",
    })
    void normalisesToOneSpelling(String raw, String expected) {
        assertEquals(expected, FilePaths.normalise(raw));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"..", "a/..", "../a", "a/../b", "a\\..\\b", "./..", "a/b/../../c"})
    void parentSegmentIsRejected(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilePaths.normalise(raw));
        assertEquals("path must not contain '..'", e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "/", "//", ".", "./", "\\", "/./", " / "})
    void emptyOrRootIsRejected(String raw) {
        assertThrows(IllegalArgumentException.class, () -> FilePaths.normalise(raw));
    }

    @ParameterizedTest(name = "[{index}] control character is rejected")
    @ValueSource(strings = {"src/a\u0000.ts", "src/a\n.ts", "src/\u001fa.ts", "src/a.ts\u007f", "a\u0085b"})
    void controlCharactersAreRejected(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilePaths.normalise(raw));
        assertEquals("path must not contain control characters", e.getMessage());
    }

    @Test
    void lengthLimitAppliesToTheNormalisedPath() {
        String longest = "a/".repeat(499) + "bc";
        assertEquals(1000, longest.length());
        assertEquals(longest, FilePaths.normalise(longest));
        assertEquals(longest, FilePaths.normalise("./" + longest.replace("/", "//")));
        assertThrows(IllegalArgumentException.class, () -> FilePaths.normalise(longest + "d"));
    }
}
