package kr.codeb.control.env;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one env value at rest. A stored value reads
 * {@code "v1:" + base64(nonce || ciphertext+tag) + ":" + base64(digest)}: a random 12-byte nonce per value,
 * the variable's label ({@code project/environment/NAME}) as associated data so a value cannot be moved to
 * another variable unnoticed, and a keyed digest (HMAC-SHA256 under a key derived from the master key,
 * truncated to 16 bytes) that lets diffs tell changed values apart without decrypting anything.
 * Thread-safe; pure (no I/O).
 */
public final class EnvCipher {

    /** Thrown when a stored value cannot be decrypted: the wrong key, or altered data. Never carries the value. */
    public static final class DecryptionFailedException extends RuntimeException {
        DecryptionFailedException(String message) {
            super(message, null, false, false);
        }
    }

    public static final int KEY_BYTES = 32;
    static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int DIGEST_BYTES = 16;
    // an instance field, not static: a static SecureRandom would be seeded at native-image build time
    private final SecureRandom random = new SecureRandom();

    private final SecretKeySpec aesKey;
    private final SecretKeySpec digestKey;
    private final String fingerprint;

    public EnvCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an env encryption key has exactly " + KEY_BYTES + " bytes");
        }
        this.aesKey = new SecretKeySpec(key.clone(), "AES");
        this.digestKey = new SecretKeySpec(hmac(key, "codeb-env-digest-v1"), HMAC);
        this.fingerprint = fingerprint(key);
    }

    /** The cipher for the base64 text of a 32-byte key. */
    public static EnvCipher fromBase64(String base64) {
        try {
            return new EnvCipher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected the base64 of exactly " + KEY_BYTES + " bytes");
        }
    }

    /**
     * Identifies a key without revealing it: the first 16 bytes of HMAC-SHA256(key, "codeb-env-key-check"), hex.
     * The same on every replica given the same key; computable offline (see docs/env-encryption.md).
     */
    public static String fingerprint(byte[] key) {
        return HexFormat.of().formatHex(Arrays.copyOf(hmac(key, "codeb-env-key-check"), 16));
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The label that binds a value to its variable. */
    public static String label(String project, String env, String name) {
        return project + "/" + env + "/" + name;
    }

    /** Encrypts {@code plaintext} for the variable {@code label}, with a fresh random nonce. */
    public String encrypt(String label, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out) + ":" + digest(label, plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this runtime", e);
        }
    }

    /** Decrypts a value {@link #encrypt} made for {@code label}; a wrong key or altered data fails, never returns garbage. */
    public String decrypt(String label, String stored) {
        byte[] sealed = sealedPart(stored);
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("not an encrypted env value");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DecryptionFailedException("authentication failed: the key differs from the one that encrypted the value,"
                    + " or the stored value was altered");
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("could not decrypt: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What a diff compares for one variable: the digest carried by an encrypted value, or the digest of a
     * plaintext one (rows written before encryption). Equal exactly when the values are equal.
     */
    public String comparable(String label, String stored, boolean encrypted) {
        if (encrypted) {
            int colon = stored == null ? -1 : stored.lastIndexOf(':');
            if (stored != null && stored.startsWith(PREFIX) && colon > PREFIX.length()) {
                return stored.substring(colon + 1);
            }
            // an unreadable stored value compares by its own text: it then differs from any well-formed one
            return "raw:" + stored;
        }
        return digest(label, stored == null ? "" : stored);
    }

    /** Whether {@code stored} has the shape {@link #encrypt} produces. */
    public static boolean looksEncrypted(String stored) {
        return sealedPart(stored) != null;
    }

    private String digest(String label, String plaintext) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(digestKey);
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(Arrays.copyOf(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), DIGEST_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this runtime", e);
        }
    }

    private static byte[] sealedPart(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(stored.substring(PREFIX.length(), colon));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this runtime", e);
        }
    }

    /** Constant-time comparison of two fingerprints. */
    static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
