package io.keygate.pool;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.protocol.query.HttpExchange;

/**
 * The Cognito Identity endpoint (AWS JSON 1.1), top to bottom: the operation named by
 * {@code X-Amz-Target: AWSCognitoIdentityService.<Op>} → the JSON body → the caller (SigV4 for the admin operations,
 * the unsigned caller with the request facts for GetId, GetCredentialsForIdentity, GetOpenIdToken, UnlinkIdentity)
 * → the operation → its JSON output, or the error as Cognito answers it: {@code {"__type":"<code>","message":"…"}}
 * with the code also in {@code x-amzn-ErrorType} and Cognito's HTTP status. Errors raised by shared code (the
 * authorizer's AccessDenied, the OIDC pipeline's InvalidIdentityToken, SigV4 failures) are translated into the names
 * a JSON service uses. Anything that is not a {@link KeygateException} is logged once and answered as
 * {@code InternalErrorException} without detail. Every request, answered or refused, is then told to the
 * {@link Observer} (the audit trail). Thread-safe.
 */
public final class PoolDispatcher {

    /** The {@code X-Amz-Target} prefix of the service. */
    public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final Logger LOG = Logger.getLogger(PoolDispatcher.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** How the edge establishes the caller. */
    public interface Callers {
        /** The SigV4-verified caller, signed for the {@code cognito-identity} service. */
        Caller signed(HttpExchange exchange);

        /** The caller of an unsigned operation: partition, region and request facts only. */
        Caller unsigned(HttpExchange exchange);
    }

    /** The answer: status, JSON body, the operation's name (or {@code unknown}) and the error type, if any. */
    public record Response(int status, String body, String operation, String errorType) {
    }

    /**
     * One dispatched request, as the audit trail needs it.
     *
     * @param input        the JSON input, or null when the body was not a JSON object
     * @param caller       the caller (signed or unsigned), or null when it was not established
     * @param account      the account the call concerns: the signed caller's, else that of the pool an unsigned
     *                     operation found; null when neither is known
     * @param output       the JSON output, or null for a refusal
     * @param errorMessage the error's message, or null on success
     */
    public record Dispatched(String requestId, String operation, ObjectNode input, Caller caller, String account,
                             Response response, ObjectNode output, String errorMessage) {
    }

    /**
     * Told of every dispatched request once its answer is made, on the thread that made it (the store's, for an answer
     * that awaited durable writes); must not throw.
     */
    @FunctionalInterface
    public interface Observer {
        void dispatched(Dispatched request);
    }

    private final Map<String, PoolOperation> operations = new LinkedHashMap<>();
    private final Callers callers;
    private volatile Observer observer = d -> { };

    public PoolDispatcher(List<PoolOperation> operations, Callers callers) {
        operations.forEach(o -> this.operations.put(o.name(), o));
        this.callers = callers;
    }

    /** The names of the operations served. */
    public java.util.Set<String> operationNames() {
        return java.util.Collections.unmodifiableSet(operations.keySet());
    }

    /** Tells {@code observer} of every request from now on (one observer: the audit trail). */
    public void observe(Observer observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** Whether a request is for this endpoint (its target names the service). */
    public static boolean isPoolRequest(HttpExchange exchange) {
        String target = exchange.header("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    /**
     * A request read once: the operation its target names (null when none), its JSON input (null when it is not a
     * POST or its body is not a JSON object), and whether it may run on an I/O thread.
     */
    public record Incoming(HttpExchange exchange, PoolOperation operation, ObjectNode input) {

        /** Whether the operation only reads memory and computes for this input (see {@link PoolOperation}). */
        public boolean nonBlocking() {
            return operation != null && input != null && operation.nonBlocking().test(input);
        }
    }

    /** Reads {@code exchange} once, for {@link Incoming#nonBlocking} and then {@link #dispatch(Incoming, String)}. */
    public Incoming read(HttpExchange exchange) {
        String target = exchange.header("X-Amz-Target");
        PoolOperation op = target == null || !target.startsWith(TARGET_PREFIX) ? null
                : operations.get(target.substring(TARGET_PREFIX.length()));
        ObjectNode input = op != null && exchange.method().equals("POST") ? parse(exchange.body()) : null;
        return new Incoming(exchange, op, input);
    }

    public Response dispatch(HttpExchange exchange, String requestId) {
        return dispatch(read(exchange), requestId);
    }

    /** Dispatches on the calling thread and waits for the answer (a worker thread). */
    public Response dispatch(Incoming incoming, String requestId) {
        return dispatchAsync(incoming, requestId).toCompletableFuture().join();
    }

    /**
     * Dispatches {@code incoming}: the answer's stage is complete on return unless the operation awaits durable writes
     * ({@link PoolOperation#awaiting}, for the inputs it may run on an I/O thread); it then completes on the thread
     * that ends the writes. It never completes exceptionally: every failure is answered as Cognito answers it.
     */
    public CompletionStage<Response> dispatchAsync(Incoming incoming, String requestId) {
        HttpExchange exchange = incoming.exchange();
        String name = "unknown";
        ObjectNode input = null;
        PoolRequest request = null;
        Caller caller = null;
        try {
            String target = exchange.header("X-Amz-Target");
            PoolOperation op = incoming.operation();
            if (op == null) {
                String message = "The operation " + PoolRequest.echo(target) + " is not one Keygate serves.";
                return CompletableFuture.completedFuture(refused(requestId, name, null, null, null,
                        error(400, "UnknownOperationException", message, name), message));
            }
            name = op.name();
            if (!exchange.method().equals("POST")) {
                String message = "Cognito Identity operations are POST requests.";
                return CompletableFuture.completedFuture(refused(requestId, name, null, null, null,
                        error(400, "InvalidParameterException", message, name), message));
            }
            if ((input = incoming.input()) == null) {
                String message = "The request body is not a JSON object.";
                return CompletableFuture.completedFuture(refused(requestId, name, null, null, null,
                        error(400, "SerializationException", message, name), message));
            }
            caller = op.signed() ? callers.signed(exchange) : callers.unsigned(exchange);
            request = new PoolRequest(input);
            CompletionStage<ObjectNode> output = op.awaiting() != null && incoming.nonBlocking()
                    ? op.awaiting().apply(request, caller)
                    : CompletableFuture.completedFuture(op.handler().apply(request, caller));
            String answered = name;
            ObjectNode in = input;
            PoolRequest req = request;
            Caller who = caller;
            return output.handle((out, failure) -> failure == null
                    ? answered(requestId, answered, in, who, req, out)
                    : failed(requestId, answered, in, who, req, Stages.unwrapped(failure)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(requestId, name, input, caller, request, e));
        }
    }

    private Response answered(String requestId, String name, ObjectNode input, Caller caller, PoolRequest request,
                              ObjectNode output) {
        Response response;
        try {
            response = new Response(200, JSON.writeValueAsString(output), name, null);
        } catch (JsonProcessingException | RuntimeException e) {
            return failed(requestId, name, input, caller, request, e);
        }
        tell(new Dispatched(requestId, name, input, caller, account(caller, request), response, output, null));
        return response;
    }

    private Response failed(String requestId, String name, ObjectNode input, Caller caller, PoolRequest request,
                            Exception failure) {
        String message;
        Response response;
        if (failure instanceof KeygateException e) {
            message = e.getMessage();
            response = error(status(e.code()), type(e.code()), message, name);
        } else {
            LOG.errorf(failure, "InternalErrorException in %s (request %s)", name, requestId);
            message = "We encountered an internal error. Please try again.";
            response = error(500, "InternalErrorException", message, name);
        }
        return refused(requestId, name, input, caller, request, response, message);
    }

    private Response refused(String requestId, String name, ObjectNode input, Caller caller, PoolRequest request,
                             Response response, String message) {
        tell(new Dispatched(requestId, name, input, caller, account(caller, request), response, null, message));
        return response;
    }

    private static String account(Caller caller, PoolRequest request) {
        return caller != null && !caller.accountId().isEmpty() ? caller.accountId()
                : request == null ? null : request.poolAccount();
    }

    private void tell(Dispatched request) {
        try {
            observer.dispatched(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "The request observer failed on %s (request %s)", request.operation(), request.requestId());
        }
    }

    private static ObjectNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Response error(int status, String type, String message, String operation) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return new Response(status, body.toString(), operation, type);
    }

    /** The error name a JSON 1.1 client expects for a code raised anywhere in Keygate. */
    static String type(AwsErrorCode code) {
        return switch (code) {
            case InvalidParameterException, NotAuthorizedException, ResourceNotFoundException,
                 ResourceConflictException, LimitExceededException, InvalidIdentityPoolConfigurationException,
                 TooManyRequestsException -> code.name();
            case IncompleteSignature -> "IncompleteSignatureException";
            case MissingAuthenticationToken -> "MissingAuthenticationTokenException";
            case InvalidClientTokenId -> "UnrecognizedClientException";
            case SignatureDoesNotMatch, RequestExpired -> "InvalidSignatureException";
            case ExpiredToken -> "ExpiredTokenException";
            case IDPCommunicationError -> "ExternalServiceException";
            case Throttling -> "TooManyRequestsException";
            case NoSuchEntity -> "ResourceNotFoundException";
            case LimitExceeded -> "LimitExceededException";
            case ConcurrentModification -> "ConcurrentModificationException";
            case InternalFailure -> "InternalErrorException";
            case ServiceUnavailable -> "ServiceUnavailableException";
            default -> switch (code.family()) {
                case INPUT -> "InvalidParameterException";
                case AUTH -> "UnrecognizedClientException";
                case ACCESS, FEDERATION -> "NotAuthorizedException";
                case ENTITY -> "ResourceConflictException";
                case SERVICE -> "InternalErrorException";
            };
        };
    }

    /** Cognito's HTTP status for the translated error. */
    static int status(AwsErrorCode code) {
        return switch (type(code)) {
            case "NotAuthorizedException", "MissingAuthenticationTokenException" -> 403;
            case "ResourceNotFoundException" -> 404;
            case "ResourceConflictException" -> 409;
            case "TooManyRequestsException" -> 429;
            case "InternalErrorException" -> 500;
            case "ServiceUnavailableException" -> 503;
            default -> 400;
        };
    }
}
