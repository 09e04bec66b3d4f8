package io.keygate.protocol.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the aws-c-auth SigV4 suite from {@code src/test/resources/sigv4/v4}: raw bytes, no newline fixing. */
final class VectorFixtures {

    static final String ROOT = "/sigv4/v4/";

    /** The 38 case folders, listed here so a missing resource fails loudly instead of shrinking the suite. */
    static final List<String> CASES = List.of(
            "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order",
            "get-header-value-trim", "get-relative-normalized", "get-relative-relative-normalized",
            "get-relative-relative-unnormalized", "get-relative-unnormalized", "get-slash-dot-slash-normalized",
            "get-slash-dot-slash-unnormalized", "get-slash-normalized", "get-slash-pointless-dot-normalized",
            "get-slash-pointless-dot-unnormalized", "get-slash-unnormalized", "get-slashes-normalized",
            "get-slashes-unnormalized", "get-space-normalized", "get-space-unnormalized", "get-unreserved",
            "get-utf8", "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query",
            "get-vanilla-query-order-encoded", "get-vanilla-query-order-key-case", "get-vanilla-query-unreserved",
            "get-vanilla-utf8-query", "get-vanilla-with-session-token", "post-header-key-case",
            "post-header-key-sort", "post-header-value-case", "post-sts-header-after", "post-sts-header-before",
            "post-vanilla", "post-vanilla-empty-query-value", "post-vanilla-query", "post-x-www-form-urlencoded",
            "post-x-www-form-urlencoded-parameters");

    /** context.json of one case. */
    record Context(String accessKeyId, String secret, String token, String region, String service,
                   Instant timestamp, boolean normalize, boolean signBody, boolean omitSessionToken,
                   long expirationSeconds) {

        SigningCredentials credentials() {
            return new SigningCredentials(accessKeyId, secret, token);
        }

        SigV4Signer.Options options() {
            return new SigV4Signer.Options(signBody, omitSessionToken, normalize);
        }
    }

    private VectorFixtures() {
    }

    static byte[] bytes(String testCase, String file) {
        try (InputStream in = VectorFixtures.class.getResourceAsStream(ROOT + testCase + "/" + file)) {
            if (in == null) {
                return null;
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String testCase, String file) {
        byte[] b = bytes(testCase, file);
        if (b == null) {
            throw new AssertionError("missing " + testCase + "/" + file);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static Context context(String testCase) {
        try {
            JsonNode n = new ObjectMapper().readTree(bytes(testCase, "context.json"));
            JsonNode c = n.get("credentials");
            return new Context(c.get("access_key_id").asText(), c.get("secret_access_key").asText(),
                    c.hasNonNull("token") ? c.get("token").asText() : null, n.get("region").asText(),
                    n.get("service").asText(), Instant.parse(n.get("timestamp").asText()),
                    n.path("normalize").asBoolean(true), n.path("sign_body").asBoolean(false),
                    n.path("omit_session_token").asBoolean(false), n.path("expiration_in_seconds").asLong(3600));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses an HTTP/1.1 request file: request line (the target may contain spaces), header lines (a line starting
     * with whitespace continues the previous value), a blank line, then the body bytes.
     */
    static SigV4Request request(byte[] raw) {
        int split = indexOf(raw, new byte[] {'\n', '\n'});
        byte[] head = split < 0 ? raw : Arrays.copyOfRange(raw, 0, split);
        byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(raw, split + 2, raw.length);
        String[] lines = new String(head, StandardCharsets.UTF_8).split("\n", -1);
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + "\n" + line;
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
        }
        List<SigV4Request.Header> list = new ArrayList<>();
        for (String[] h : headers) {
            list.add(new SigV4Request.Header(h[0], h[1]));
        }
        return new SigV4Request(method, path, query, list, body, null);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
