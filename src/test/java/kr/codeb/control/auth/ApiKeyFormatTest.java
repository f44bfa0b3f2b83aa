package kr.codeb.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String TEAM_ID = "team_abc123";

    @ParameterizedTest
    @EnumSource(Role.class)
    void generatedKeyRoundTrips(Role role) {
        String key = ApiKeyFormat.generate(TEAM_ID, role);

        assertEquals(Optional.of(new ApiKeyFormat.Parsed("team_abc", role)), ApiKeyFormat.parse(key));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void generatedKeyHasTheDocumentedShape(Role role) {
        String key = ApiKeyFormat.generate(TEAM_ID, role);

        assertEquals(6 + 8 + 1 + role.wire().length() + 1 + 24, key.length());
        assertTrue(key.startsWith("codeb_team_abc_" + role.wire() + "_"), key);
        assertTrue(Pattern.matches("[A-Za-z0-9_-]{24}", key.substring(key.length() - 24)), key);
        assertEquals(key.substring(0, 20), ApiKeyFormat.prefix(key));
    }

    @Test
    void teamIdWithUnderscoresInItsFirstEightCharactersStillParses() {
        String key = ApiKeyFormat.generate("a_b_c_d_e_f", Role.ADMIN);

        assertEquals(Optional.of(new ApiKeyFormat.Parsed("a_b_c_d_", Role.ADMIN)), ApiKeyFormat.parse(key));
    }

    @Test
    void anySingleCharacterChangeIsRejected() {
        for (Role role : Role.values()) {
            String key = ApiKeyFormat.generate(TEAM_ID, role);
            for (int position = 0; position < key.length(); position++) {
                for (char replacement : ALPHABET.toCharArray()) {
                    if (replacement == key.charAt(position)) {
                        continue;
                    }
                    String changed = key.substring(0, position) + replacement + key.substring(position + 1);
                    assertEquals(Optional.empty(), ApiKeyFormat.parse(changed), changed);
                }
            }
        }
    }

    @Test
    void swappingTheRoleWordIsRejected() {
        String key = ApiKeyFormat.generate(TEAM_ID, Role.MEMBER);
        String secret = key.substring(key.length() - 24);

        for (String word : new String[] {"viewer", "admin", "owner", "MEMBER", "Member", "guest", "membe", "memberr"}) {
            String changed = "codeb_team_abc_" + word + "_" + secret;
            assertEquals(Optional.empty(), ApiKeyFormat.parse(changed), changed);
        }
    }

    @Test
    void truncatedOrExtendedKeyIsRejected() {
        String key = ApiKeyFormat.generate(TEAM_ID, Role.OWNER);

        for (int length = 0; length < key.length(); length++) {
            assertEquals(Optional.empty(), ApiKeyFormat.parse(key.substring(0, length)));
        }
        for (char extra : ALPHABET.toCharArray()) {
            assertEquals(Optional.empty(), ApiKeyFormat.parse(key + extra));
            assertEquals(Optional.empty(), ApiKeyFormat.parse(extra + key));
        }
        assertEquals(Optional.empty(), ApiKeyFormat.parse(key + key));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {
        " ", "\t", "codeb_", "codeb_team_abc_member_",
        "codeb_team_abc_member_ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ",
        "codeb_팀팀팀팀팀팀팀팀_member_AAAAAAAAAAAAAAAAAAAAAAAA",
        "codeb_team_abc_member_AAAAAAAAAAAA AAAAAAAAAAA",
        "codeb_team_abc_member_AAAAAAAAAAAAAAAAAAAAAAA\u0000",
        "codeb_team_abc_member_AAAAAAAAAAAAAAAAAAAAAA\ud800",
        "codeb_team abc_member_AAAAAAAAAAAAAAAAAAAAAAAA",
        "codeb-team_abc-member-AAAAAAAAAAAAAAAAAAAAAAAA",
        "CODEB_team_abc_member_AAAAAAAAAAAAAAAAAAAAAAAA",
        "codeb_team_abc_member_AAAAAAAAAAAAAAAAAAAAAAAA",
    })
    void malformedInputIsRejectedWithoutException(String key) {
        assertEquals(Optional.empty(), ApiKeyFormat.parse(key));
    }

    @Test
    void keyWithSurroundingWhitespaceIsRejected() {
        String key = ApiKeyFormat.generate(TEAM_ID, Role.VIEWER);

        assertEquals(Optional.empty(), ApiKeyFormat.parse(" " + key));
        assertEquals(Optional.empty(), ApiKeyFormat.parse(key + "\n"));
    }

    @Test
    void hugeInputIsRejected() {
        assertEquals(Optional.empty(), ApiKeyFormat.parse("codeb_" + "A".repeat(1_000_000)));
    }

    @ParameterizedTest(name = "team id \"{0}\" cannot make a key")
    @NullAndEmptySource
    @ValueSource(strings = {"team_ab", "abc", "team abc123", "team.abc123", "팀_abc12345"})
    void generateRejectsUnusableTeamIds(String teamId) {
        assertThrows(IllegalArgumentException.class, () -> ApiKeyFormat.generate(teamId, Role.MEMBER));
    }

    @Test
    void thousandGeneratedKeysAreDistinct() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKeyFormat.generate(TEAM_ID, Role.MEMBER));
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void sha256HexMatchesKnownVectors() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyFormat.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ApiKeyFormat.sha256Hex(""));
    }

    @Test
    void prefixOfShortTextIsTheWholeText() {
        assertEquals("short", ApiKeyFormat.prefix("short"));
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertTrue(ApiKeyFormat.constantTimeEquals("abc", new String("abc")));
        assertFalse(ApiKeyFormat.constantTimeEquals("abc", "abd"));
        assertFalse(ApiKeyFormat.constantTimeEquals("abc", "abcd"));
        assertFalse(ApiKeyFormat.constantTimeEquals(null, "abc"));
        assertFalse(ApiKeyFormat.constantTimeEquals("abc", null));
        assertFalse(ApiKeyFormat.constantTimeEquals(null, null));
    }
}
