package kr.codeb.control.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AskTokenTest {

    private static final String TOKEN = "ask-token-0123456789";

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAConfiguredTokenEveryoneMayAsk() {
        assertTrue(AskToken.allows(null, null, null));
        assertTrue(AskToken.allows(null, "anything", "Bearer x"));
    }

    @Test
    void theTokenIsAcceptedAsQueryParameterOrAsBasicPassword() {
        assertTrue(AskToken.allows(TOKEN, TOKEN, null));
        assertTrue(AskToken.allows(TOKEN, null, basic("caddy:" + TOKEN)));
        assertTrue(AskToken.allows(TOKEN, null, basic(":" + TOKEN)));
        assertTrue(AskToken.allows(TOKEN, "wrong", basic("caddy:" + TOKEN)));
    }

    @Test
    void aMissingOrWrongTokenIsRefused() {
        assertFalse(AskToken.allows(TOKEN, null, null));
        assertFalse(AskToken.allows(TOKEN, TOKEN + "x", null));
        assertFalse(AskToken.allows(TOKEN, TOKEN.substring(1), null));
        assertFalse(AskToken.allows(TOKEN, "", ""));
        assertFalse(AskToken.allows(TOKEN, null, basic(TOKEN)));
        assertFalse(AskToken.allows(TOKEN, null, "Bearer " + TOKEN));
        assertFalse(AskToken.allows(TOKEN, null, "Basic !!!not-base64"));
    }

    @Test
    void basicPasswordIsWhatFollowsTheFirstColon() {
        assertEquals("p:w", AskToken.basicPassword(basic("u:p:w")));
        assertEquals("p", AskToken.basicPassword("basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8))));
        assertNull(AskToken.basicPassword(null));
        assertNull(AskToken.basicPassword("Basic"));
    }
}
