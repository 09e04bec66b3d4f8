package io.keygate.protocol.query;

import java.util.Map;

/**
 * Told of every dispatched Query request once its answer is written (the audit trail): what was asked, by whom,
 * and what was answered. Runs on the request's thread before the answer is sent; must not throw.
 *
 * @param <C> the caller type
 */
@FunctionalInterface
public interface QueryObserver<C> {

    /** Nobody listening. */
    QueryObserver<Object> NONE = d -> { };

    /**
     * One dispatched request.
     *
     * @param service      the service asked (null when the Version named none)
     * @param parameters   the decoded parameters (null when they could not be decoded)
     * @param caller       the authenticated caller, or null when authentication failed or was not reached
     * @param errorMessage the error's message, or null on success
     * @param result       the {@code <ActionResult>} element as written, when {@link #wantsResult} asked for it
     *                     and the action succeeded with one; else null
     */
    record Dispatched<C>(String requestId, QueryService service, String action, Map<String, String> parameters,
                         C caller, QueryResponse response, String errorMessage, XmlWriter.Tree result) {
    }

    void dispatched(Dispatched<C> request);

    /** Whether {@link Dispatched#result} should be kept for a successful {@code action} of {@code service}. */
    default boolean wantsResult(QueryService service, String action) {
        return false;
    }
}
