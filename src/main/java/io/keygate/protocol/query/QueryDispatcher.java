package io.keygate.protocol.query;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.protocol.model.InputConstraints;

/**
 * The Query endpoint, top to bottom: decode the parameters, find the action, authenticate the caller, check the
 * parameters against the service model's input constraints, run the action, write the XML answer — or the AWS error envelope for any {@link KeygateException}. Anything else is a
 * fault of Keygate's: logged once with the request id and answered as {@code InternalFailure} with no detail.
 *
 * @param <C> the caller type
 */
public final class QueryDispatcher<C> {

    private static final Logger LOG = Logger.getLogger(QueryDispatcher.class);

    private final ActionRegistry<C> registry;
    private final Authenticator<C> authenticator;
    private final Supplier<String> requestIds;
    private final Map<QueryService, InputConstraints> constraints;
    private volatile QueryObserver<C> observer = d -> { };

    public QueryDispatcher(ActionRegistry<C> registry, Authenticator<C> authenticator, Supplier<String> requestIds) {
        this(registry, authenticator, requestIds, Map.of());
    }

    /** @param constraints the model constraints each service's parameters must meet before its action runs */
    public QueryDispatcher(ActionRegistry<C> registry, Authenticator<C> authenticator, Supplier<String> requestIds,
                           Map<QueryService, InputConstraints> constraints) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.constraints = Map.copyOf(constraints);
    }

    /** Tells {@code observer} of every request from now on (one observer: the audit trail). */
    public void observe(QueryObserver<C> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public QueryResponse dispatch(HttpExchange exchange) {
        String requestId = requestIds.get();
        return dispatch(exchange, requestId);
    }

    public QueryResponse dispatch(HttpExchange exchange, String requestId) {
        return dispatch(read(exchange), requestId);
    }

    /**
     * A request read once: its parameters decoded (or why they could not be) and whether it may run on an I/O
     * thread, so that routing and dispatching do not decode a large form twice.
     */
    public static final class Incoming {
        private final HttpExchange exchange;
        private final QueryParams params;
        private final KeygateException unreadable;
        private final boolean nonBlocking;

        private Incoming(HttpExchange exchange, QueryParams params, KeygateException unreadable,
                         boolean nonBlocking) {
            this.exchange = exchange;
            this.params = params;
            this.unreadable = unreadable;
            this.nonBlocking = nonBlocking;
        }

        /** Whether the request may run on an I/O thread (see {@link QueryDispatcher#nonBlocking}). */
        public boolean nonBlocking() {
            return nonBlocking;
        }

        private QueryParams params() {
            if (unreadable != null) {
                throw unreadable;
            }
            return params;
        }
    }

    /** Decodes {@code exchange} once, for {@link Incoming#nonBlocking} and then {@link #dispatch(Incoming, String)}. */
    public Incoming read(HttpExchange exchange) {
        QueryParams params;
        try {
            params = decode(exchange);
        } catch (KeygateException e) {
            return new Incoming(exchange, null, e, true);
        }
        boolean nonBlocking;
        try {
            nonBlocking = registry.lookup(params.raw("Action"), params.raw("Version")).nonBlocking(params);
        } catch (KeygateException e) {
            nonBlocking = true; // an unknown action answers an error without I/O
        }
        return new Incoming(exchange, params, null, nonBlocking);
    }

    public QueryResponse dispatch(Incoming incoming, String requestId) {
        HttpExchange exchange = incoming.exchange;
        return run(incoming::params, (service, signed) -> signed ? authenticator.authenticate(exchange, service)
                : authenticator.unsigned(exchange), requestId);
    }

    /**
     * Runs an action for a caller authenticated by other means (a console session acting through the API): the
     * same lookup, checks, authorization and XML answer as {@link #dispatch}, without a signature.
     */
    public QueryResponse dispatchAs(Map<String, String> parameters, C caller, String requestId) {
        Objects.requireNonNull(caller, "caller");
        return run(() -> new QueryParams(new LinkedHashMap<>(parameters)), (service, signed) -> caller, requestId);
    }

    /** @param callers the caller of an action of the service, given whether the action requires a signature */
    private QueryResponse run(Supplier<QueryParams> decoding,
                              java.util.function.BiFunction<QueryService, Boolean, C> callers, String requestId) {
        String actionName = "unknown";
        QueryService service = null;
        QueryParams params = null;
        C caller = null;
        QueryResponse response;
        String errorMessage = null;
        XmlWriter.Tree result = null;
        try {
            params = decoding.get();
            // Errors before an action is found (InvalidAction, …) still answer in the namespace of the API asked.
            service = QueryService.forVersion(params.raw("Version"));
            QueryAction<C> action = registry.lookup(params.raw("Action"), params.raw("Version"));
            // Only registered names reach metrics and logs: an attacker must not mint label values.
            actionName = action.name();
            service = action.service();
            caller = callers.apply(service, action.requiresSignature());
            InputConstraints model = constraints.get(service);
            if (model != null) {
                model.check(action.name(), params.asMap());
            }
            ResultWriter written = action.execute(params, caller);
            XmlWriter xml = observer.wantsResult(service, actionName) ? XmlWriter.recording() : new XmlWriter();
            response = new QueryResponse(200, success(xml, action, written, requestId), requestId, actionName, null);
            XmlWriter.Tree root = xml.recorded();
            result = root == null ? null : root.child(actionName + "Result");
        } catch (KeygateException e) {
            errorMessage = e.getMessage();
            response = new QueryResponse(e.code().httpStatus(), AwsErrorWriter.write(e, service, requestId), requestId,
                    actionName, e.code().name());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "InternalFailure in %s (request %s)", actionName, requestId);
            errorMessage = "We encountered an internal error. Please try again.";
            response = new QueryResponse(500, AwsErrorWriter.write(AwsErrorCode.InternalFailure, errorMessage, service,
                    requestId), requestId, actionName, AwsErrorCode.InternalFailure.name());
        }
        try {
            observer.dispatched(new QueryObserver.Dispatched<>(requestId, service, actionName,
                    params == null ? null : params.asMap(), caller, response, errorMessage, result));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The request observer failed on %s (request %s)", actionName, requestId);
        }
        return response;
    }

    /**
     * Whether the request may run on an I/O thread: a known action that declares this request non-blocking.
     * Malformed or unknown requests answer an error without I/O, so they may too.
     */
    public boolean nonBlocking(HttpExchange exchange) {
        return read(exchange).nonBlocking();
    }

    /** Query string parameters, plus the form body for POST; a parameter in both is a duplicate. */
    static QueryParams decode(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        FormDecoder.decode(exchange.rawQuery(), params);
        if (exchange.method().equals("POST") && exchange.body().length > 0) {
            String contentType = exchange.header("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim()
                    .startsWith("application/x-www-form-urlencoded")) {
                throw new InvalidInputException(AwsErrorCode.MalformedQueryString,
                        "The request body must be application/x-www-form-urlencoded.");
            }
            String body = new String(exchange.body(), StandardCharsets.ISO_8859_1);
            FormDecoder.decode(body, params);
        }
        return new QueryParams(params);
    }

    private static String success(XmlWriter xml, QueryAction<?> action, ResultWriter result, String requestId) {
        xml.start(action.name() + "Response", action.service().namespace());
        if (result.hasResultElement()) {
            xml.start(action.name() + "Result");
            result.write(xml);
            xml.end();
        }
        xml.start("ResponseMetadata").element("RequestId", requestId).end();
        xml.end();
        return xml.toString();
    }
}
