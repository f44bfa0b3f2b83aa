package kr.codeb.control.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises and validates domain names (RFC 1123 host names) and the rule tying a domain's type to the base
 * domains of {@code CODEB_BASE_DOMAINS}. Only ASCII is accepted: an internationalised name is sent in its
 * punycode form ({@code xn--…}), which is what DNS and the TLS certificate hold anyway.
 */
public final class DomainNames {

    public static final int MAX_LENGTH = 253;

    /** The rule in words, for validation errors. */
    public static final String RULE = "must be a host name of at most 253 characters: two or more dot-separated labels of 1 to 63"
            + " letters, digits and inner '-', the last not all digits (an internationalised name in its xn-- form)";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private DomainNames() {
    }

    /** Trims, lower-cases (ASCII only) and drops one trailing dot: {@code " App.CodeB.kr. "} becomes {@code "app.codeb.kr"}. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether an already normalised name is a valid host name of at least two labels. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-numeric last label is an IPv4 address, not a name a certificate can be issued for.
        return !DIGITS.matcher(labels[labels.length - 1]).matches();
    }

    /** The base domain {@code name} lies strictly under (one or more labels in front of it), if any. */
    public static Optional<String> baseOf(String name, List<String> baseDomains) {
        for (String base : baseDomains) {
            String b = normalise(base);
            if (!b.isEmpty() && name.endsWith("." + b)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is one of the base domains itself. */
    public static boolean isBase(String name, List<String> baseDomains) {
        return baseDomains.stream().map(DomainNames::normalise).anyMatch(name::equals);
    }

    /**
     * Why {@code name} may not have {@code type}, or empty when it may: a {@code subdomain} lies under a base domain;
     * a {@code custom} domain lies outside all of them (those names belong to the platform's automatic DNS).
     */
    public static Optional<String> typeProblem(String name, String type, List<String> baseDomains) {
        boolean under = baseOf(name, baseDomains).isPresent();
        if ("subdomain".equals(type) && !under) {
            return Optional.of("a subdomain must end with '." + String.join("' or '.", baseDomains.stream()
                    .map(DomainNames::normalise).toList()) + "' and name more than the base domain itself");
        }
        if ("custom".equals(type) && (under || isBase(name, baseDomains))) {
            return Optional.of("a custom domain must not be a base domain or lie under one; use type subdomain");
        }
        return Optional.empty();
    }
}
