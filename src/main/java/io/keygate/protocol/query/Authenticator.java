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
}
