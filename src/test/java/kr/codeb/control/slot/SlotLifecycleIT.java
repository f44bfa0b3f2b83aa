package kr.codeb.control.slot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import kr.codeb.control.support.ItDatabase;

/**
 * {@link SlotLifecycleTest} against the packaged application: the jar, and with -Dnative the native binary, where it
 * catches JSON reflection and build-time initialisation regressions of the slot endpoints.
 */
@QuarkusIntegrationTest
@WithTestResource(ItDatabase.class)
class SlotLifecycleIT extends SlotLifecycleTest {
}
