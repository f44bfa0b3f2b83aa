package kr.codeb.control.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * A real HTTP receiver in the test JVM, on a loopback port: it records every request (path, headers, body) and answers
 * with the statuses it was told to, in order, then 200. Stands in for a team's webhook endpoint, Slack and Discord.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received; header names lower-cased. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted answer: status and extra headers. */
    public record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        return start(0);
    }

    /** A receiver on loopback port {@code port} (0: any free one). */
    public static WebhookReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these statuses, in order; then 200 again. */
    public WebhookReceiver answer(int... statuses) {
        for (int s : statuses) {
            script.add(new Answer(s, Map.of()));
        }
        return this;
    }

    public WebhookReceiver answer(int status, Map<String, String> headers) {
        script.add(new Answer(status, headers));
        return this;
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    /** The requests to {@code path}, in arrival order. */
    public List<Received> to(String path) {
        return all().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests to {@code path} match {@code which}; answers them (fails after {@code within}). */
    public List<Received> await(String path, Predicate<Received> which, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Received> got = to(path).stream().filter(which).toList();
            if (got.size() >= count) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching request(s) to " + path + " within " + within + ", got " + got.size()
                        + " of " + to(path).size() + ": " + to(path));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        synchronized (this) {
            received.add(new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8)));
        }
        Answer a = script.poll();
        int status = a == null ? 200 : a.status();
        if (a != null) {
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        }
        byte[] out = ("answer " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
