package kr.codeb.control.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * GET through Caddy with a chosen Host header (which java.net.http refuses to set), one connection per request, so that
 * every request sees the config Caddy has at that moment.
 */
public final class EdgeClient {

    /** An answer: status (-1 when the connection failed, with {@code error}) and body. */
    public record Answer(int status, String body, String error) {
        public boolean ok(String expectedBody) {
            return status == 200 && expectedBody.equals(body);
        }
    }

    private final int port;

    public EdgeClient(int port) {
        this.port = port;
    }

    public Answer get(String host) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Answer(-1, null, "malformed answer: " + text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text.substring(end + 4), null);
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, null, e.toString());
        }
    }

    /**
     * SPEC §9's rule for a request loop through Caddy: an idempotent GET that lost its connection (a reset by Caddy's own
     * config reload) is retried once; anything else is the answer.
     */
    public Answer getRetryingOnce(String host) {
        Answer a = get(host);
        return a.status() == -1 ? get(host) : a;
    }
}
