package kr.codeb.control.openapi;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prism's validating proxy ({@code prism proxy --errors}) in front of the test service on loopback. Every request made
 * through {@link #as} is checked: a request or response that disagrees with the document is a violation, which Prism
 * reports in the {@code sl-violations} header and, with {@code --errors}, as its own problem body (422, 500).
 */
final class PrismProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRISM_ERRORS = "https://stoplight.io/prism/errors";
    /**
     * {@code --errors}: a violation replaces the service's answer, and the request fails at once with Prism's words.
     * {@code -Dprism.errors=false} passes answers through and only collects the violations: every one of a run at once.
     */
    private static final boolean ERRORS = !"false".equals(System.getProperty("prism.errors"));

    private final Process process;
    private final int port;
    private final JsonNode document;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> exercisedTags = Collections.synchronizedSet(new LinkedHashSet<>());

    private PrismProxy(Process process, int port, JsonNode document) {
        this.process = process;
        this.port = port;
        this.document = document;
    }

    /** Starts Prism on a free loopback port in front of {@code upstreamPort}, with the document at {@code doc}. */
    static PrismProxy start(Path doc, int upstreamPort) {
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path log = NodeTools.WORK.resolve("prism.log");
            List<String> command = new ArrayList<>(List.of(NodeTools.bin("prism").toString(), "proxy", doc.toString(),
                    "http://127.0.0.1:" + upstreamPort, "-h", "127.0.0.1", "-p", String.valueOf(port)));
            if (ERRORS) {
                command.add("--errors");
            }
            Process p = new ProcessBuilder(command)
                    .directory(NodeTools.DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrismProxy prism = new PrismProxy(p, port, JSON.readTree(doc.toFile()));
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (!prism.listening()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    prism.close();
                    throw new IllegalStateException("Prism did not start: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
            return prism;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A JSON request through the proxy with {@code key} as Bearer token (none when null). */
    RequestSpecification as(String key) {
        RequestSpecification spec = given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON)
                .filter(new Checker());
        return key == null ? spec : spec.header("Authorization", "Bearer " + key);
    }

    /** Every violation seen so far, as {@code METHOD path → status: what Prism said}. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** The tags of the document's operations that requests went to. */
    Set<String> exercisedTags() {
        return Set.copyOf(exercisedTags);
    }

    /** Every tag the document declares. */
    Set<String> documentedTags() {
        Set<String> tags = new LinkedHashSet<>();
        document.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        return tags;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** The tag of the documented operation that {@code method path} matches (the most literal template wins). */
    private String tagOf(String method, String path) {
        String best = null;
        int bestParams = Integer.MAX_VALUE;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> e = paths.next();
            JsonNode op = e.getValue().get(method.toLowerCase(java.util.Locale.ROOT));
            String regex = e.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            int params = e.getKey().split("\\{", -1).length - 1;
            if (op != null && Pattern.matches(regex, path) && params < bestParams) {
                best = op.path("tags").path(0).asText();
                bestParams = params;
            }
        }
        return best;
    }

    /** Records what Prism found wrong with one exchange, and which tag it exercised. */
    private final class Checker implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
            Response answer = ctx.next(request, response);
            String path = URI.create(request.getURI()).getPath();
            String call = request.getMethod() + " " + path + " → " + answer.statusCode();
            String tag = tagOf(request.getMethod(), path);
            if (tag != null) {
                exercisedTags.add(tag);
            }
            String header = answer.header("sl-violations");
            String body = answer.asString();
            String found = header != null && !header.isBlank() ? header : body.contains(PRISM_ERRORS) ? body : null;
            if (found != null) {
                violations.add(call + ": " + found);
                if (ERRORS) {
                    throw new AssertionError("Prism: " + call + ": " + found);
                }
            }
            return answer;
        }
    }
}
