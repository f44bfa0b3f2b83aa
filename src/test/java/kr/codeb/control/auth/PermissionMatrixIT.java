package kr.codeb.control.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import kr.codeb.control.support.ItDatabase;

/**
 * {@link PermissionMatrixTest} against the packaged application (the jar, or the native binary with -Dnative): every
 * role on every route.
 */
@QuarkusIntegrationTest
@WithTestResource(ItDatabase.class)
class PermissionMatrixIT extends PermissionMatrixTest {
}
