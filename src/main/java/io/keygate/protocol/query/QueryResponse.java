package io.keygate.protocol.query;

/**
 * What the Query endpoint answers: status, XML body and the facts metrics and logs need.
 *
 * @param status    HTTP status
 * @param body      the XML document
 * @param requestId the request id (also in the body and the {@code x-amzn-RequestId} header)
 * @param action    the action name, or {@code "unknown"}
 * @param errorCode the AWS error code, or null on success
 */
public record QueryResponse(int status, String body, String requestId, String action, String errorCode) {
}
