package io.keygate.protocol.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as received, in the parts the Query protocol and SigV4 need: the raw path and query (not
 * decoded), the headers in order, the exact body bytes, and what the connection tells about the client.
 *
 * @param method    HTTP method, upper case
 * @param rawPath   the path as sent
 * @param rawQuery  the query string as sent, without {@code ?}, or empty
 * @param headers   header name/value pairs in order, duplicates kept
 * @param body      the body bytes (empty for GET)
 * @param sourceIp  the client's address
 * @param secure    whether the request came over TLS
 */
public record HttpExchange(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                           byte[] body, String sourceIp, boolean secure) {

    public HttpExchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (name compared case-insensitively), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
