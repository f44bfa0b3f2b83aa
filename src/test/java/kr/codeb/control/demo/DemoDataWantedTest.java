package kr.codeb.control.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When start-up makes demo data: only when asked for, and never in a packaged (production) run whatever is asked. */
class DemoDataWantedTest {

    @ParameterizedTest(name = "{0}, codeb.demo-data={1} -> {2}")
    @CsvSource({
        "DEVELOPMENT, true,  true",
        "DEVELOPMENT, false, false",
        "TEST,        true,  true",
        "TEST,        false, false",
        "NORMAL,      true,  false",
        "NORMAL,      false, false",
    })
    void demoDataOnlyWhenAskedForAndNeverInAPackagedRun(LaunchMode mode, boolean enabled, boolean wanted) {
        assertEquals(wanted, DemoData.wanted(mode, enabled));
    }
}
