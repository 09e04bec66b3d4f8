package io.keygate.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the SigV4 canonical request and string to sign (AWS General Reference, "Create a canonical request for
 * Signature Version 4"): path normalized and URI-encoded, query pairs decoded, RFC 3986-encoded and sorted, header
 * values trimmed with inner whitespace runs collapsed and duplicates joined with commas.
 *
 * <p>Stateless and thread-safe. No regex, no {@code String.format}: this runs once per request.
 */
public final class CanonicalRequest {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * The canonical request.
     *
     * @param request       the request as received
     * @param signedHeaders lowercase header names, in the order they are listed in SignedHeaders
     * @param payloadHash   the hex payload hash (or {@code UNSIGNED-PAYLOAD}) that goes on the last line
     * @param presigned     true to leave {@code X-Amz-Signature} out of the canonical query
     * @param normalizePath true for every service except S3
     */
    public static String build(SigV4Request request, List<String> signedHeaders, String payloadHash,
                               boolean presigned, boolean normalizePath) {
        return build(request, signedHeaders, payloadHash, presigned, false, normalizePath);
    }

    /** As {@link #build(SigV4Request, List, String, boolean, boolean)}, optionally leaving the token out of the query. */
    static String build(SigV4Request request, List<String> signedHeaders, String payloadHash, boolean presigned,
                        boolean excludeToken, boolean normalizePath) {
        StringBuilder sb = new StringBuilder(256 + request.rawQuery().length());
        sb.append(request.method()).append('\n');
        appendUri(sb, request.rawPath(), normalizePath);
        sb.append('\n');
        sb.append(query(request.rawQuery(), presigned, excludeToken)).append('\n');
        for (int i = 0, n = signedHeaders.size(); i < n; i++) {
            String name = signedHeaders.get(i);
            sb.append(name).append(':');
            appendHeaderValue(sb, request, name);
            sb.append('\n');
        }
        sb.append('\n');
        for (int i = 0, n = signedHeaders.size(); i < n; i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(signedHeaders.get(i));
        }
        sb.append('\n').append(payloadHash);
        return sb.toString();
    }

    /** {@code AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex(sha256(canonicalRequest))>}. */
    public static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
        String hash = SigV4Crypto.hex(SigV4Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return ParsedSignature.ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n' + hash;
    }

    /** The canonical URI: optionally normalized, then every byte but unreserved characters and '/' percent-encoded. */
    public static String uri(String rawPath, boolean normalize) {
        StringBuilder sb = new StringBuilder(rawPath.length() + 8);
        appendUri(sb, rawPath, normalize);
        return sb.toString();
    }

    private static void appendUri(StringBuilder sb, String rawPath, boolean normalize) {
        if (rawPath.equals("/")) {
            sb.append('/');
            return;
        }
        String path = normalize ? removeDotSegments(rawPath) : rawPath;
        if (path.isEmpty() || path.charAt(0) != '/') {
            sb.append('/');
        }
        encode(sb, path, true);
    }

    /** Removes empty, {@code .} and {@code ..} segments (RFC 3986 5.2.4, plus collapsing {@code //}). */
    static String removeDotSegments(String path) {
        List<String> out = new ArrayList<>();
        int len = path.length();
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        int start = 0;
        while (start <= len) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? len : slash;
            String seg = path.substring(start, end);
            if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                out.add(seg);
            }
            if (slash < 0) {
                break;
            }
            start = end + 1;
        }
        if (out.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(len);
        for (String seg : out) {
            sb.append('/').append(seg);
        }
        if (trailing) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** The canonical query string: pairs decoded, re-encoded per RFC 3986, sorted by key then value. */
    public static String query(String rawQuery, boolean presigned) {
        return query(rawQuery, presigned, false);
    }

    static String query(String rawQuery, boolean presigned, boolean excludeToken) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        int len = rawQuery.length();
        while (start <= len) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                String key;
                String value;
                if (eq < 0 || eq > end) {
                    key = reencode(rawQuery, start, end);
                    value = "";
                } else {
                    key = reencode(rawQuery, start, eq);
                    value = reencode(rawQuery, eq + 1, end);
                }
                if (!(presigned && key.equals("X-Amz-Signature"))
                        && !(excludeToken && key.equals("X-Amz-Security-Token"))) {
                    pairs.add(new String[] {key, value});
                }
            }
            if (amp < 0) {
                break;
            }
            start = end + 1;
        }
        if (pairs.isEmpty()) {
            return "";
        }
        String[][] sorted = pairs.toArray(new String[0][]);
        Arrays.sort(sorted, (a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder(len + 16);
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(sorted[i][0]).append('=').append(sorted[i][1]);
        }
        return sb.toString();
    }

    /** Form-decodes {@code s[from, to)} (see {@link #percentDecode}) and encodes the bytes again per RFC 3986. */
    static String reencode(String s, int from, int to) {
        byte[] bytes = percentDecode(s, from, to);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            appendEncodedByte(sb, b, false);
        }
        return sb.toString();
    }

    /**
     * Decodes {@code s[from, to)} of a query string into bytes as the form decoder that hands the parameters to the
     * action does ({@code application/x-www-form-urlencoded}): {@code '+'} is a space, {@code %2B} a plus. One reading
     * for both means the value the signature covers is the value the action reads: were {@code '+'} literal here,
     * a request signed with {@code %2B} could be sent with {@code +} and still verify while the action read a space
     * (botocore and the AWS SDKs encode a space as {@code %20} and a plus as {@code %2B}, so they sign the same
     * canonical query either way). A '%' not followed by two hex digits stays literal (the form decoder refuses it).
     */
    static byte[] percentDecode(String s, int from, int to) {
        if (!hasEscape(s, from, to)) {
            return s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = SigV4Crypto.hexDigit(s.charAt(i + 1));
                int lo = SigV4Crypto.hexDigit(s.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            if (c == '+') {
                out.write(' ');
                i++;
                continue;
            }
            int next = i + 1;
            if (Character.isHighSurrogate(c) && next < to && Character.isLowSurrogate(s.charAt(next))) {
                next++;
            }
            byte[] b = s.substring(i, next).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            i = next;
        }
        return out.toByteArray();
    }

    private static boolean hasEscape(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /** Appends the UTF-8 bytes of {@code s}, each encoded per RFC 3986 (keeping '/' when asked). */
    static void encode(StringBuilder sb, String s, boolean keepSlash) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            for (int i = 0; i < s.length(); i++) {
                appendEncodedByte(sb, (byte) s.charAt(i), keepSlash);
            }
            return;
        }
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            appendEncodedByte(sb, b, keepSlash);
        }
    }

    /** RFC 3986 encoding of one string (nothing kept but unreserved characters), for building query strings. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        encode(sb, s, false);
        return sb.toString();
    }

    private static void appendEncodedByte(StringBuilder sb, byte b, boolean keepSlash) {
        int c = b & 0xff;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
            sb.append((char) c);
        } else {
            sb.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
        }
    }

    /** Appends every value of the header, trimmed and with whitespace runs collapsed, joined with ','. */
    private static void appendHeaderValue(StringBuilder sb, SigV4Request request, String name) {
        List<SigV4Request.Header> headers = request.headers();
        boolean first = true;
        for (int i = 0, n = headers.size(); i < n; i++) {
            SigV4Request.Header h = headers.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                if (!first) {
                    sb.append(',');
                }
                appendTrimmed(sb, h.value());
                first = false;
            }
        }
    }

    private static void appendTrimmed(StringBuilder sb, String v) {
        int from = 0;
        int to = v.length();
        while (from < to && isSpace(v.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(v.charAt(to - 1))) {
            to--;
        }
        boolean inSpace = false;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (isSpace(c)) {
                inSpace = true;
            } else {
                if (inSpace) {
                    sb.append(' ');
                    inSpace = false;
                }
                sb.append(c);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
