package kr.codeb.control.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import kr.codeb.control.support.ItDatabase;

/** {@link SystemKeyAuthTest} against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
@WithTestResource(ItDatabase.class)
class SystemKeyAuthIT extends SystemKeyAuthTest {
}
