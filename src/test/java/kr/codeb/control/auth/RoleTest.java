package kr.codeb.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @ParameterizedTest(name = "{0} includes {1}: {2}")
    @CsvSource({
        "OWNER,  OWNER,  true",
        "OWNER,  ADMIN,  true",
        "OWNER,  MEMBER, true",
        "OWNER,  VIEWER, true",
        "ADMIN,  OWNER,  false",
        "ADMIN,  ADMIN,  true",
        "ADMIN,  MEMBER, true",
        "ADMIN,  VIEWER, true",
        "MEMBER, OWNER,  false",
        "MEMBER, ADMIN,  false",
        "MEMBER, MEMBER, true",
        "MEMBER, VIEWER, true",
        "VIEWER, OWNER,  false",
        "VIEWER, ADMIN,  false",
        "VIEWER, MEMBER, false",
        "VIEWER, VIEWER, true",
    })
    void includesEveryRoleBelowItAndNoneAbove(Role role, Role other, boolean expected) {
        assertEquals(expected, role.includes(other));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "viewer, VIEWER",
        "member, MEMBER",
        "admin,  ADMIN",
        "owner,  OWNER",
    })
    void parseAcceptsExactWireNames(String text, Role expected) {
        assertEquals(Optional.of(expected), Role.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a role")
    @NullAndEmptySource
    @ValueSource(strings = {"Owner", "ADMIN", " member", "viewer ", "guest", "own", "owners", "ad min", "\u0131admin"})
    void parseRejectsEverythingElse(String text) {
        assertEquals(Optional.empty(), Role.parse(text));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void wireNameRoundTrips(Role role) {
        assertEquals(role.name().toLowerCase(java.util.Locale.ROOT), role.wire());
        assertEquals(Optional.of(role), Role.parse(role.wire()));
    }

    @Test
    void includesRejectsNull() {
        assertThrows(NullPointerException.class, () -> Role.VIEWER.includes(null));
        assertTrue(Role.OWNER.includes(Role.VIEWER));
    }
}
