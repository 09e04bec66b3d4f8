package io.keygate.decision;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.protocol.api.JsonFields;
import io.keygate.protocol.sigv4.SigV4Request;

/**
 * Reads the {@code SignedRequest} member of a decision request — the end client's request as the resource server
 * received it — into the {@link SigV4Request} that SigV4 verification takes: {@code Method}, {@code Url} (absolute,
 * {@code https://host/path?query}, or origin form, {@code /path?query}, exactly as on the request line, not
 * decoded), {@code Headers} (name to a string, or to a list for a repeated header) and {@code Body} (standard
 * base64). When {@code Body} is absent and the client signed {@code x-amz-content-sha256}, that hash stands for the
 * body: the resource server then checks the body against it itself (large uploads). Every part is bounded.
 * Stateless.
 */
final class ForwardedRequest {

    static final int MAX_URL = 8_192;
    static final int MAX_HEADERS = 100;
    static final int MAX_HEADER_VALUE = 16_384;
    static final int MAX_HEADER_BYTES = 65_536;

    private static final Set<String> MEMBERS = Set.of("Method", "Url", "Headers", "Body");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ForwardedRequest() {
    }

    static SigV4Request read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ObservedContext.invalid("'SignedRequest' is required: {\"Method\", \"Url\", \"Headers\", \"Body\"}.");
        }
        JsonFields.object(node, MEMBERS);
        String method = required(node, "Method", 16);
        if (!METHOD.matcher(method).matches()) {
            throw ObservedContext.invalid("'SignedRequest.Method' must be an HTTP method such as GET.");
        }
        String url = required(node, "Url", MAX_URL);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '#') {
                throw ObservedContext.invalid("'SignedRequest.Url' must be the request target as received: "
                        + "printable ASCII, no spaces, no fragment.");
            }
        }
        String authority = null;
        String target = url;
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int start = url.indexOf("//") + 2;
            int end = start;
            while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
                end++;
            }
            authority = url.substring(start, end);
            target = end < url.length() ? url.substring(end) : "/";
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                throw ObservedContext.invalid("'SignedRequest.Url' must name a host (and no user info).");
            }
        } else if (!url.startsWith("/")) {
            throw ObservedContext.invalid("'SignedRequest.Url' must be absolute (https://host/path) or start with /.");
        }
        if (target.startsWith("?")) {
            target = "/" + target;
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);

        List<Map.Entry<String, String>> headers = headers(node.get("Headers"));
        byte[] body = body(node);
        SigV4Request request = SigV4Request.of(method, rawPath, rawQuery, headers, body, authority);
        if (!node.hasNonNull("Body")) {
            String claimed = request.header("x-amz-content-sha256");
            if (claimed != null && HEX_SHA256.matcher(claimed.trim()).matches()) {
                request = request.withPayloadHash(claimed.trim());
            }
        }
        return request;
    }

    private static String required(JsonNode node, String name, int max) {
        String value = JsonFields.string(node, name, max);
        if (value == null) {
            throw ObservedContext.invalid("'SignedRequest." + name + "' is required.");
        }
        return value;
    }

    private static List<Map.Entry<String, String>> headers(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw ObservedContext.invalid("'SignedRequest.Headers' is required: the headers as received, "
                    + "including Authorization (or a presigned Url), Host and X-Amz-Date.");
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int bytes = 0;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw ObservedContext.invalid("'SignedRequest.Headers' has a header name that is not an HTTP token.");
            }
            JsonNode value = e.getValue();
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            for (JsonNode v : values) {
                if (!v.isTextual() || v.textValue().length() > MAX_HEADER_VALUE) {
                    throw ObservedContext.invalid("Header " + name + " must be a string (or a list of strings) of "
                            + "at most " + MAX_HEADER_VALUE + " characters.");
                }
                bytes += name.length() + v.textValue().length();
                out.add(Map.entry(name, v.textValue()));
                if (out.size() > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
                    throw ObservedContext.invalid("'SignedRequest.Headers' may have at most " + MAX_HEADERS
                            + " header lines and " + MAX_HEADER_BYTES + " characters.");
                }
            }
        }
        return out;
    }

    private static byte[] body(JsonNode node) {
        JsonNode body = node.get("Body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw ObservedContext.invalid("'SignedRequest.Body' must be a base64 string.");
        }
        try {
            return Base64.getDecoder().decode(body.textValue());
        } catch (IllegalArgumentException e) {
            throw ObservedContext.invalid("'SignedRequest.Body' is not valid base64.");
        }
    }
}
