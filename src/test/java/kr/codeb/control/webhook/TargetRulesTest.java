package kr.codeb.control.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address and URL rules of SPEC §10 as pure functions: literals only, nothing is resolved or dialled. */
class TargetRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::1", "100.64.0.1", "100.100.100.200", "192.0.0.192", "198.18.0.1",
        "240.0.0.1", "255.255.255.255", "224.0.0.1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::1", "::127.0.0.1"})
    void nonPublicAddressesAreRefused(String literal) throws Exception {
        assertTrue(TargetRules.refusal(InetAddress.getByName(literal)).isPresent(), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946", "64:ff9b::808:808"})
    void publicAddressesPass(String literal) throws Exception {
        assertEquals(java.util.Optional.empty(), TargetRules.refusal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void urlsMustBeHttpsWithAHostAndNoCredentialsOrFragment() {
        TargetRules.Target t = TargetRules.parse("https://Hooks.Example.com/a?b=c", false);
        assertEquals("hooks.example.com", t.host());
        assertEquals(443, t.port());
        assertEquals(8080, TargetRules.parse("http://[::1]:8080/x", true).port());
        assertEquals("::1", TargetRules.parse("http://[::1]:8080/x", true).host());
        for (String bad : new String[] {"http://a.example/x", "ftp://a.example/", "https://u:p@a.example/", "https://a.example/#x", "a.example/x",
            "https://", "", "https://a.example/" + "x".repeat(TargetRules.MAX_URL_LENGTH)}) {
            assertThrows(TargetRules.Refused.class, () -> TargetRules.parse(bad, false), bad);
        }
        assertEquals(80, TargetRules.parse("http://a.example/x", true).port());
    }
}
