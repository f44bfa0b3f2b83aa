package kr.codeb.control.env;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import kr.codeb.control.support.ItDatabase;

/**
 * {@link EnvVariablesTest} against the packaged application (the jar, or the native binary with -Dnative): encryption,
 * versions and the audit of reveals outside the JVM.
 */
@QuarkusIntegrationTest
@WithTestResource(ItDatabase.class)
class EnvVariablesIT extends EnvVariablesTest {
}
