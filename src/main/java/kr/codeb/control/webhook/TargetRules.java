package kr.codeb.control.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The target rules of SPEC §10 as pure functions: which URLs a webhook or notification may post to, and which resolved
 * addresses are refused (loopback, private, link-local, cloud metadata and other non-public ranges) unless
 * {@code CODEB_WEBHOOK_ALLOW_PRIVATE} is on. {@link Targets} applies them after DNS resolution.
 */
final class TargetRules {

    static final int MAX_URL_LENGTH = 2048;

    /** A URL that passed the shape rules: where to connect and what to ask for. */
    record Target(URI uri, boolean https, String host, int port) {
    }

    /** A target the rules refuse; the message says why and never holds more of the URL than its host. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private TargetRules() {
    }

    /** Parses {@code url}: absolute http(s) with a host, no credentials; plain http only where {@code httpAllowed}. */
    static Target parse(String url, boolean httpAllowed) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new Refused("must be an absolute http(s) URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("must use https" + (httpAllowed ? " or http" : ""));
        }
        if (scheme.equals("http") && !httpAllowed) {
            throw new Refused("must use https (plain http is allowed only with CODEB_WEBHOOK_ALLOW_PRIVATE=true)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            // credentials in a URL would end up in answers and logs; receivers verify the signature instead
            throw new Refused("must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#…)");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new Target(uri, https, host.toLowerCase(Locale.ROOT), port);
    }

    /** Why {@code address} may not be a target (empty: it is public). */
    static Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata lives there)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that decides
            if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
                return ipv4OrSpecial(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return ipv4OrSpecial(new byte[] {b[2], b[3], b[4], b[5]});
            }
            if (allZero(b, 0, 12)) {
                // IPv4-compatible ::a.b.c.d (deprecated; never a public target)
                return Optional.of("an IPv4-compatible IPv6 address");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4OrSpecial(byte[] v4) {
        try {
            InetAddress a = InetAddress.getByAddress(v4);
            return refusal(a).map(why -> why + " (embedded in IPv6)");
        } catch (java.net.UnknownHostException e) {
            return Optional.of("an unreadable address");
        }
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("an address of \"this network\" (0.0.0.0/8)");
        }
        if (a0 == 100 && a1 >= 64 && a1 < 128) {
            return Optional.of("a shared (carrier-grade NAT) address, where some clouds keep metadata");
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return Optional.of("an IETF protocol address (192.0.0.0/24)");
        }
        if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            return Optional.of("a benchmarking address (198.18.0.0/15)");
        }
        if (a0 >= 240) {
            return Optional.of("a reserved address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
