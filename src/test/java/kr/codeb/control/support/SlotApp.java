package kr.codeb.control.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A small HTTP app standing for one slot (blue or green) on a loopback port: every request answers its name. */
public final class SlotApp implements AutoCloseable {

    private final String name;
    private final HttpServer server;

    private SlotApp(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    public static SlotApp start(String name) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            s.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            s.setExecutor(Executors.newFixedThreadPool(4));
            s.start();
            return new SlotApp(name, s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
