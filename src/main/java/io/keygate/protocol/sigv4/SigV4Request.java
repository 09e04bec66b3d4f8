package io.keygate.protocol.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request exactly as received, which is what SigV4 signs.
 *
 * <p>{@code rawPath} and {@code rawQuery} are the bytes of the request line, not decoded (Vert.x {@code path()} and
 * {@code query()}). Headers keep their order and duplicates; names compare case-insensitively. Either {@code body}
 * (the raw bytes, hashed by the verifier itself) or a precomputed hex {@code payloadHash} is given: AWS CLI and boto3
 * send no {@code x-amz-content-sha256}, so the server must hash the body it actually received.
 *
 * <p>Immutable and thread-safe; the body is copied in and out. No component is null ({@code payloadHash} may be).
 *
 * @param method      HTTP method, e.g. {@code POST}
 * @param rawPath     path as received, e.g. {@code /}; an empty path means {@code /}
 * @param rawQuery    query string without {@code ?}, possibly empty
 * @param headers     header lines in arrival order
 * @param body        raw body bytes (empty when {@code payloadHash} is given)
 * @param payloadHash lowercase hex SHA-256 of the body when the caller already has it, else null
 */
public record SigV4Request(String method, String rawPath, String rawQuery, List<Header> headers, byte[] body,
                           String payloadHash) {

    private static final byte[] EMPTY = new byte[0];

    /** One header line; the name keeps its case as received. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public SigV4Request {
        Objects.requireNonNull(method, "method");
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? EMPTY : body.clone();
    }

    /**
     * Builds a request from the parts a Vert.x handler has: {@code request.method().name()}, {@code request.path()},
     * {@code request.query()}, {@code request.headers()} (a {@code MultiMap} is an iterable of entries) and
     * {@code ctx.body().buffer().getBytes()}.
     *
     * @param rawQuery may be null (no query)
     * @param body     may be null (no body)
     */
    public static SigV4Request of(String method, String rawPath, String rawQuery,
                                  Iterable<? extends Map.Entry<String, String>> headers, byte[] body) {
        List<Header> list = new ArrayList<>();
        for (Map.Entry<String, String> e : headers) {
            list.add(new Header(e.getKey(), e.getValue()));
        }
        return new SigV4Request(method, rawPath, rawQuery, list, body, null);
    }

    /**
     * As {@link #of(String, String, String, Iterable, byte[])}, adding {@code Host: authority} when the headers have
     * no Host (HTTP/2 carries it as {@code :authority}, which Vert.x exposes as {@code request.authority()}).
     *
     * @param authority host[:port], may be null
     */
    public static SigV4Request of(String method, String rawPath, String rawQuery,
                                  Iterable<? extends Map.Entry<String, String>> headers, byte[] body, String authority) {
        SigV4Request r = of(method, rawPath, rawQuery, headers, body);
        return authority == null || r.header("Host") != null ? r : r.withHeader("Host", authority);
    }

    /** A copy whose payload is identified by its hash only (for streamed or already hashed bodies). */
    public SigV4Request withPayloadHash(String hexSha256) {
        return new SigV4Request(method, rawPath, rawQuery, headers, EMPTY, Objects.requireNonNull(hexSha256));
    }

    /** A copy with one more header appended. */
    public SigV4Request withHeader(String name, String value) {
        List<Header> list = new ArrayList<>(headers);
        list.add(new Header(name, value));
        return new SigV4Request(method, rawPath, rawQuery, list, body, payloadHash);
    }

    /** A copy with another raw query string. */
    public SigV4Request withRawQuery(String query) {
        return new SigV4Request(method, rawPath, query, headers, body, payloadHash);
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without copying, for hashing inside this package. */
    byte[] bodyBytes() {
        return body;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** How many header lines carry this name (case-insensitive). */
    public int headerCount(String name) {
        int count = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigV4Request r && method.equals(r.method) && rawPath.equals(r.rawPath)
                && rawQuery.equals(r.rawQuery) && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body) && Objects.equals(payloadHash, r.payloadHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, rawQuery, headers, java.util.Arrays.hashCode(body), payloadHash);
    }

    @Override
    public String toString() {
        return "SigV4Request[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + ", "
                + headers.size() + " headers, " + body.length + " body bytes]";
    }
}
