package kr.codeb.control.proxy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Upstream addresses for Caddy: {@code host:port} with a valid host and a port from 1 to 65535. Caddy accepts an invalid
 * dial with 200 and then answers 502 for every request, so nothing else is ever sent to it. Pure.
 */
public final class Dials {

    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Dials() {
    }

    /** {@code host:port} (an IPv6 host in brackets), or empty when either part is not valid. */
    public static Optional<String> of(String host, Integer port) {
        if (host == null || port == null || port < 1 || port > 65_535) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals(host) && NAME.matcher(bare).matches()) {
            return Optional.of(bare + ":" + port);
        }
        // an IPv6 address has at least two colons; "host:port" given as a host is refused
        if (bare.chars().filter(c -> c == ':').count() >= 2 && IPV6.matcher(bare).matches()) {
            return Optional.of("[" + bare + "]:" + port);
        }
        return Optional.empty();
    }

    /** Whether {@code dial} is a {@code host:port} this class would build. */
    public static boolean valid(String dial) {
        if (dial == null) {
            return false;
        }
        int colon = dial.lastIndexOf(':');
        if (colon <= 0 || colon == dial.length() - 1) {
            return false;
        }
        String digits = dial.substring(colon + 1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            return false;
        }
        return of(dial.substring(0, colon), Integer.parseInt(digits)).map(dial::equals).orElse(false);
    }

    /** The port of a valid dial, else null. */
    public static Integer port(String dial) {
        return valid(dial) ? Integer.valueOf(dial.substring(dial.lastIndexOf(':') + 1)) : null;
    }
}
