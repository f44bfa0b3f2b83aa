package kr.codeb.control.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths the memory-served slot read takes for its own: only the plain spelling; the REST layer routes the rest. */
class SlotReadPathTest {

    @Test
    void thePlainSpellingGivesProjectAndEnvironment() {
        assertEquals(new SlotReadRoute.At("web-app", "production"),
                SlotReadRoute.slotPath("/api/v1/projects/web-app/environments/production/slot"));
        assertEquals(new SlotReadRoute.At("a", "x"), SlotReadRoute.slotPath("/api/v1/projects/a/environments/x/slot"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/projects/web-app/environments/production/slot/",
        "/api/v1/projects/web-app/environments/production/slots",
        "/api/v1/projects//environments/production/slot",
        "/api/v1/projects/web-app/environments//slot",
        "/api/v1/projects/web-app/environments/prod/uction/slot",
        "/api/v1/projects/web/app/environments/production/slot",
        "/api/v1/projects/web%2Dapp/environments/production/slot",
        "/api/v1//projects/web-app/environments/production/slot",
        "/api/v1/projects/web-app/environments/production",
        "/api/v1/projects/web-app/slot",
        "/api/v1/projects/environments/slot",
        "/api/v1/projects/web-app/deployments/production/slot",
        "/api/v2/projects/web-app/environments/production/slot",
        ""
    })
    void anyOtherSpellingIsLeftToTheRestLayer(String path) {
        assertNull(SlotReadRoute.slotPath(path), path);
    }

    @Test
    void noPathIsLeftToTheRestLayer() {
        assertNull(SlotReadRoute.slotPath(null));
    }
}
