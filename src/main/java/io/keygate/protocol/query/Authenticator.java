package io.keygate.protocol.query;

/**
 * Turns a signed request into the calling principal, or throws an {@link io.keygate.error.AuthFailureException}
 * with the AWS code that explains why not.
 *
 * @param <C> the caller type
 */
@FunctionalInterface
public interface Authenticator<C> {

    /**
     * @param exchange the request as received
     * @param service  the service whose action is being called: the credential scope must name it
     */
    C authenticate(HttpExchange exchange, QueryService service);

    /**
     * The caller handed to an unsigned action ({@link QueryAction#requiresSignature()} false): what the exchange
     * tells without any credentials (source address, TLS, user agent, the endpoint's partition and region), for
     * the condition keys of the trust decision. Null when the implementation knows nothing.
     */
    default C unsigned(HttpExchange exchange) {
        return null;
    }
}
