package kr.codeb.control.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The team API key format of SPEC §4, {@code codeb_{8-char team part}_{role}_{24 base64url chars}}, whose last 6
 * characters are a CRC32 of everything before them, so that a mistyped key is rejected without a database look-up.
 * The checksum catches typos, not forgeries: a key is authenticated only by its SHA-256 being on record.
 */
public final class ApiKeyFormat {

    /** What a well-formed key says about itself; nothing here is trusted until its hash is found. */
    public record Parsed(String teamPart, Role role) {
    }

    public static final String PREFIX = "codeb_";
    public static final int TEAM_PART_LENGTH = 8;
    public static final int SECRET_LENGTH = 24;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int RANDOM_LENGTH = SECRET_LENGTH - CHECKSUM_LENGTH;
    public static final int DISPLAY_PREFIX_LENGTH = 20;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final int ROLE_START = PREFIX.length() + TEAM_PART_LENGTH + 1;
    private static final int MIN_LENGTH = ROLE_START + shortestRole() + 1 + SECRET_LENGTH;
    private static final int MAX_LENGTH = ROLE_START + longestRole() + 1 + SECRET_LENGTH;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeyFormat::newSha256);

    private ApiKeyFormat() {
    }

    /**
     * A new key for a team and role.
     *
     * @throws IllegalArgumentException when the team id is shorter than 8 characters or its first 8 characters are
     *     not all letters, digits, {@code -} or {@code _}
     */
    public static String generate(String teamId, Role role) {
        Objects.requireNonNull(role, "role");
        if (teamId == null || teamId.length() < TEAM_PART_LENGTH) {
            throw new IllegalArgumentException("teamId must have at least " + TEAM_PART_LENGTH + " characters");
        }
        String teamPart = teamId.substring(0, TEAM_PART_LENGTH);
        if (!isBase64Url(teamPart)) {
            throw new IllegalArgumentException(
                    "the first " + TEAM_PART_LENGTH + " characters of teamId must be letters, digits, '-' or '_'");
        }
        // A new instance per call rather than a static field: a SecureRandom created during a native build
        // would be frozen into the image heap with its seed.
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(MAX_LENGTH)
                .append(PREFIX).append(teamPart).append('_').append(role.wire()).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.append(checksum(key)).toString();
    }

    /** The team part and role of a well-formed key; empty for any other input, never an exception. */
    public static Optional<Parsed> parse(String key) {
        if (key == null || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // Team part and secret may contain '_', so the key is read by fixed widths from both ends.
        int secretStart = key.length() - SECRET_LENGTH;
        if (key.charAt(ROLE_START - 1) != '_' || key.charAt(secretStart - 1) != '_') {
            return Optional.empty();
        }
        String teamPart = key.substring(PREFIX.length(), ROLE_START - 1);
        if (!isBase64Url(teamPart) || !isBase64Url(key.substring(secretStart))) {
            return Optional.empty();
        }
        Optional<Role> role = Role.parse(key.substring(ROLE_START, secretStart - 1));
        if (role.isEmpty()) {
            return Optional.empty();
        }
        int checksumStart = key.length() - CHECKSUM_LENGTH;
        if (!checksum(key.substring(0, checksumStart)).equals(key.substring(checksumStart))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(teamPart, role.get()));
    }

    /** The first 20 characters of a key (or the whole of a shorter one), stored for display as {@code key_prefix}. */
    public static String prefix(String key) {
        Objects.requireNonNull(key, "key");
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
    }

    /** The lower-case hex SHA-256 of the UTF-8 key: the only form in which a key is stored. */
    public static String sha256Hex(String key) {
        Objects.requireNonNull(key, "key");
        // digest() resets the instance, so each thread reuses one: the provider look-up of getInstance was a tenth of
        // a slot read's time (issue 10)
        return HexFormat.of().formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Compares two secrets (or their hashes) in time independent of where they differ; null equals nothing. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String checksum(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        long value = crc.getValue();
        char[] chars = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            chars[i] = ALPHABET.charAt((int) (value & 63));
            value >>>= 6;
        }
        return new String(chars);
    }

    private static boolean isBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int shortestRole() {
        int shortest = Integer.MAX_VALUE;
        for (Role role : Role.values()) {
            shortest = Math.min(shortest, role.wire().length());
        }
        return shortest;
    }

    private static int longestRole() {
        int longest = 0;
        for (Role role : Role.values()) {
            longest = Math.max(longest, role.wire().length());
        }
        return longest;
    }
}
