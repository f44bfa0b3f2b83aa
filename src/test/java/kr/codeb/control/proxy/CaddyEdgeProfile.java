package kr.codeb.control.proxy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The service synced to a Caddy on loopback: its admin API on a free port, a 2-second reconcile interval, an ask token.
 * The Caddy itself is started by each test class (a child process), on the ports chosen here once per test JVM.
 */
public class CaddyEdgeProfile implements QuarkusTestProfile {

    // system properties, not plain statics: Quarkus loads this class in more than one class loader, and all must agree
    static final int ADMIN_PORT = port("edgetest.caddy.admin-port");
    static final int HTTP_PORT = port("edgetest.caddy.http-port");
    static final int TLS_PORT = port("edgetest.caddy.tls-port");
    static final String SERVER = "codeb";
    static final String ASK_TOKEN = "test-ask-token-0123456789";
    static final long RECONCILE_MS = 2000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("codeb.caddy.admin-url", "http://127.0.0.1:" + ADMIN_PORT,
                "codeb.caddy.reconcile-interval", RECONCILE_MS + "ms",
                "codeb.caddy.listen", "127.0.0.1:" + TLS_PORT,
                "codeb.proxy-ask-token", ASK_TOKEN,
                "codeb.registry-dir", "target/codeb-test/edge-registry");
    }

    private static synchronized int port(String property) {
        String known = System.getProperty(property);
        if (known == null) {
            known = String.valueOf(freePort());
            System.setProperty(property, known);
        }
        return Integer.parseInt(known);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
