package kr.codeb.control.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The optional ask-only token of {@code /proxy/ask}: given as {@code ?token=} or as the password of Basic auth (what
 * Caddy sends for user info in the ask URL), compared in constant time. Pure.
 */
final class AskToken {

    private AskToken() {
    }

    /** Whether the request may ask: no token configured, or one of the two places holds it. */
    static boolean allows(String expected, String queryToken, String authorization) {
        if (expected == null) {
            return true;
        }
        return same(expected, queryToken) || same(expected, basicPassword(authorization));
    }

    /** The password of a {@code Basic} authorization header; null when there is none or it is malformed. */
    static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean same(String expected, String given) {
        if (given == null) {
            return false;
        }
        // digests of equal length, so that neither the content nor the length of the token leaks through timing
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
