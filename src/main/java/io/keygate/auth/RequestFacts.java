package io.keygate.auth;

/**
 * What the HTTP exchange of a request tells about the client, for the condition keys {@code aws:SourceIp},
 * {@code aws:SecureTransport} and {@code aws:UserAgent}. For Keygate's own calls these come from the connection
 * Keygate accepted; for the decision API they come from what the resource server observed (its {@code Context}),
 * never from the resource server's own connection to Keygate.
 *
 * @param sourceIp        the client's address as the connection shows it, or null when unknown
 * @param secureTransport whether the request came over TLS, or null when unknown
 * @param userAgent       the {@code User-Agent} header, or null when absent
 */
public record RequestFacts(String sourceIp, Boolean secureTransport, String userAgent) {

    /** Nothing known: none of the three keys is set. */
    public static final RequestFacts NONE = new RequestFacts(null, null, null);

    /** Longest user agent kept, in characters (AWS keeps the header as sent; a cap keeps contexts small). */
    static final int MAX_USER_AGENT = 1024;

    public RequestFacts {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
