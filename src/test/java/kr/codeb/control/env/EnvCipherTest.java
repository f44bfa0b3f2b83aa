package kr.codeb.control.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvCipherTest {

    static final String LABEL = "shop/production/DATABASE_URL";

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    final EnvCipher cipher = new EnvCipher(randomKey());

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "postgresql://app:s3cret@db:5432/app", "줄바꿈\n탭\t😀", "\u0000nul"})
    void roundTripGivesBackTheValue(String value) {
        String stored = cipher.encrypt(LABEL, value);
        assertEquals(value, cipher.decrypt(LABEL, stored));
    }

    @Test
    void roundTripOfTheLargestAllowedValue() {
        String value = "v".repeat(32 * 1024);
        assertEquals(value, cipher.decrypt(LABEL, cipher.encrypt(LABEL, value)));
    }

    @Test
    void storedFormHoldsNoPlaintextAndHasTheDocumentedShape() {
        String stored = cipher.encrypt(LABEL, "hunter2-plaintext");
        assertTrue(stored.matches("v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+"), stored);
        assertFalse(stored.contains("hunter2"));
        byte[] sealed = Base64.getDecoder().decode(stored.substring(3, stored.lastIndexOf(':')));
        assertEquals(12 + "hunter2-plaintext".length() + 16, sealed.length, "12-byte nonce, ciphertext, 16-byte tag");
        assertTrue(EnvCipher.looksEncrypted(stored));
        assertFalse(EnvCipher.looksEncrypted("hunter2-plaintext"));
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        Set<String> nonces = new HashSet<>();
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String s = cipher.encrypt(LABEL, "same value");
            stored.add(s);
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(Base64.getDecoder().decode(s.substring(3, s.lastIndexOf(':'))), 12)));
        }
        assertEquals(200, stored.size(), "the same value never encrypts to the same text");
        assertEquals(200, nonces.size());
    }

    @Test
    void alteredCiphertextIsDetected() {
        String stored = cipher.encrypt(LABEL, "value");
        int colon = stored.lastIndexOf(':');
        byte[] sealed = Base64.getDecoder().decode(stored.substring(3, colon));
        for (int i = 0; i < sealed.length; i++) {
            byte[] copy = sealed.clone();
            copy[i] ^= 0x01;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(copy) + stored.substring(colon);
            assertThrows(EnvCipher.DecryptionFailedException.class, () -> cipher.decrypt(LABEL, tampered), "byte " + i);
        }
    }

    @Test
    void truncatedOrMalformedValuesAreDetected() {
        String stored = cipher.encrypt(LABEL, "value");
        for (String bad : new String[] {"value", "v1:", "v1:%%%:x", "v1:" + Base64.getEncoder().encodeToString(new byte[20]) + ":x",
                stored.substring(0, 10) + stored.substring(stored.lastIndexOf(':'))}) {
            assertThrows(EnvCipher.DecryptionFailedException.class, () -> cipher.decrypt(LABEL, bad), bad);
        }
    }

    @Test
    void aValueMovedToAnotherVariableIsDetected() {
        String stored = cipher.encrypt(LABEL, "value");
        assertThrows(EnvCipher.DecryptionFailedException.class, () -> cipher.decrypt("shop/production/OTHER", stored));
        assertThrows(EnvCipher.DecryptionFailedException.class, () -> cipher.decrypt("other/production/DATABASE_URL", stored));
    }

    @Test
    void theWrongKeyIsDetectedNeverGarbage() {
        String stored = cipher.encrypt(LABEL, "hunter2-secret");
        EnvCipher other = new EnvCipher(randomKey());
        EnvCipher.DecryptionFailedException e = assertThrows(EnvCipher.DecryptionFailedException.class, () -> other.decrypt(LABEL, stored));
        assertTrue(e.getMessage().contains("key"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "the message never carries the value");
    }

    @Test
    void fingerprintIdentifiesTheKeyWithoutRevealingIt() {
        byte[] key = randomKey();
        String fp = new EnvCipher(key).fingerprint();
        assertEquals(fp, new EnvCipher(key.clone()).fingerprint());
        assertNotEquals(fp, new EnvCipher(randomKey()).fingerprint());
        assertTrue(fp.matches("[0-9a-f]{32}"), fp);
        assertFalse(fp.contains(java.util.HexFormat.of().formatHex(key).substring(0, 8)));
        assertEquals(fp, EnvCipher.fromBase64(Base64.getEncoder().encodeToString(key)).fingerprint());
    }

    @Test
    void knownFingerprintMatchesTheOpensslRecipeOfTheDocs() {
        // docs/env-encryption.md: HMAC-SHA256 with the key over "codeb-env-key-check", first 16 bytes in hex
        // printf codeb-env-key-check | openssl dgst -sha256 -mac HMAC -macopt hexkey:00…00 (32 zero bytes)
        assertEquals("95eeef517300917725da941339e7cee9", new EnvCipher(new byte[32]).fingerprint());
    }

    @Test
    void comparableIsEqualExactlyForEqualValues() {
        String a1 = cipher.encrypt(LABEL, "alpha");
        String a2 = cipher.encrypt(LABEL, "alpha");
        String b = cipher.encrypt(LABEL, "beta");
        assertEquals(cipher.comparable(LABEL, a1, true), cipher.comparable(LABEL, a2, true));
        assertNotEquals(cipher.comparable(LABEL, a1, true), cipher.comparable(LABEL, b, true));
        assertEquals(cipher.comparable(LABEL, a1, true), cipher.comparable(LABEL, "alpha", false), "legacy plaintext compares too");
        assertNotEquals(cipher.comparable(LABEL, a1, true), new EnvCipher(randomKey()).comparable(LABEL, "alpha", false),
                "the digest is keyed");
    }

    @Test
    void keysOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EnvCipher(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> EnvCipher.fromBase64("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> EnvCipher.fromBase64("not base64!"));
    }
}
