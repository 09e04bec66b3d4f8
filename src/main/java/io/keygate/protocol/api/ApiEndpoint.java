package io.keygate.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One endpoint of the JSON API. The edge authenticates the caller with SigV4 (service {@code keygate}) before
 * calling it, parses the body (null for GET) and writes the result as JSON.
 *
 * @param <C> the caller type
 */
public interface ApiEndpoint<C> {

    /** {@code GET} or {@code POST}. */
    String method();

    /**
     * The path, e.g. {@code /api/v1/revocations}; a segment {@code :name} is a path parameter
     * ({@code /api/v1/accounts/:id/export}).
     */
    String path();

    /** Whether the endpoint only reads memory and computes, so the edge may run it on an I/O thread. */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * Whether the audit trail keeps the answer as the event's {@code responseElements} (for changes whose answer
     * says what changed and holds no secret); false by default, as for reads.
     */
    default boolean answerAudited() {
        return false;
    }

    /**
     * @param body   the parsed JSON body (an object), or null when the request has none
     * @param caller the authenticated caller
     * @return the answer: status and a JSON-serializable body (records, maps, lists)
     */
    ApiResult handle(JsonNode body, C caller);

    /** As {@link #handle(JsonNode, Object)}, for endpoints with path parameters (decoded, by name). */
    default ApiResult handle(JsonNode body, C caller, java.util.Map<String, String> pathParameters) {
        return handle(body, caller);
    }
}
