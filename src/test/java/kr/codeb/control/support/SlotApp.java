package kr.codeb.control.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small real HTTP app standing in for what runs on a slot, on a free loopback port: answers {@code GET /health} (and
 * any path) with 200, with 500, or not at all within the prober's timeout, as the test switches it; counts the requests.
 */
public final class SlotApp implements AutoCloseable {

    public enum Mode { HEALTHY, FAILING, HANGING }

    private final HttpServer server;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
    private final AtomicInteger requests = new AtomicInteger();
    private final String name;

    private SlotApp(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Mode m = mode.get();
            if (m == Mode.HANGING) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (name + " " + m.name().toLowerCase()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(m == Mode.HEALTHY ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static SlotApp start(String name) {
        try {
            return new SlotApp(name);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the " + name + " slot app", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SlotApp mode(Mode m) {
        mode.set(m);
        return this;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
