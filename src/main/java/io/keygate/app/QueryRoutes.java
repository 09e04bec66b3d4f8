package io.keygate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.keygate.iam.action.SamlProviderActions;
import io.keygate.pool.PoolDispatcher;
import io.keygate.protocol.query.RequestIds;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.protocol.query.AwsErrorWriter;
import io.keygate.protocol.query.HttpExchange;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.buffer.Buffer;

/**
 * The AWS Query endpoint, {@code POST /} and {@code GET /}: reads the raw request on a worker thread, hands it to
 * the {@link QueryDispatcher} and writes the XML answer with the {@code x-amzn-RequestId} header. Also records the
 * per-action request metrics and puts the request id into the log context.
 */
@ApplicationScoped
public class QueryRoutes {

    private static final String RAW_BODY = "keygate.rawBody";

    private final QueryDispatcher<Caller> dispatcher;
    private final PoolDispatcher pools;
    private final KeygateConfig config;
    private final MeterRegistry metrics;
    private final int largeBodyLimit;
    private final java.util.concurrent.ConcurrentMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public QueryRoutes(QueryDispatcher<Caller> dispatcher, PoolDispatcher pools, KeygateConfig config,
                       MeterRegistry metrics, SamlConfig saml) {
        this.dispatcher = dispatcher;
        this.pools = pools;
        this.config = config;
        this.metrics = metrics;
        this.largeBodyLimit = Math.max(config.http().maxBodyBytes(), saml.maxMetadataRequestBytes());
    }

    void register(@Observes Router router) {
        router.route("/").method(HttpMethod.POST).method(HttpMethod.GET)
                .handler(this::readBody)
                .handler(this::route)
                .failureHandler(QueryRoutes::failure);
    }

    /**
     * Collects the raw body bytes, up to the configured limit, without any form parsing: SigV4 hashes exactly what
     * was sent and the Query decoder is stricter than a general-purpose form parser. Only the actions that carry a
     * SAML metadata document (up to 10,000,000 characters) may go past the limit, up to
     * {@code keygate.federation.saml.max-metadata-request-bytes}: the body must then start with their
     * {@code Action=} parameter, as the SDKs and the CLI send it.
     */
    private void readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        int limit = config.http().maxBodyBytes();
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.length() > 10 || declared != null && parseLength(declared) > largeBodyLimit) {
            ctx.fail(413);
            return;
        }
        // Sized from Content-Length (within the limit) so that an 11 KB AssumeRoleWithSAML body is not copied through
        // doubling buffers as its chunks arrive; a body longer than declared still grows, a shorter one wastes little.
        Buffer body = Buffer.buffer(initialCapacity(declared, limit));
        boolean[] failed = {false};
        int[] allowed = {limit};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > allowed[0]) {
                if (allowed[0] == limit && startsWithLargeBodyAction(body.copy().appendBuffer(chunk))) {
                    allowed[0] = largeBodyLimit;
                }
                if (body.length() + chunk.length() > allowed[0]) {
                    failed[0] = true;
                    ctx.fail(413);
                    return;
                }
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!failed[0]) {
                failed[0] = true;
                ctx.fail(400);
            }
        });
        request.endHandler(v -> {
            if (!failed[0]) {
                ctx.put(RAW_BODY, body.getBytes());
                ctx.next();
            }
        });
        request.resume();
    }

    /** Whether the form body names, as its first parameter, an action allowed a large body. */
    static boolean startsWithLargeBodyAction(Buffer body) {
        String head = body.getString(0, Math.min(body.length(), 64), "ISO-8859-1");
        for (String action : SamlProviderActions.LARGE_BODY_ACTIONS) {
            if (head.startsWith("Action=" + action + "&")) {
                return true;
            }
        }
        return false;
    }

    /** The body buffer's first size: the declared length up to {@code limit}, else Vert.x's default. */
    static int initialCapacity(String declared, int limit) {
        if (declared == null) {
            return 0;
        }
        long length = parseLength(declared);
        return length <= 0 || length == Long.MAX_VALUE ? 0 : (int) Math.min(length, limit);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Requests that only read memory and compute (GetCallerIdentity, AssumeRole, …) run on the I/O thread; the
     * others, which write to the store durably, on a worker thread.
     */
    private void route(RoutingContext ctx) {
        HttpExchange exchange = exchange(ctx);
        if (PoolDispatcher.isPoolRequest(exchange)) {
            // Cognito Identity (JSON 1.1) before the Query dispatcher; a guest's GetCredentialsForIdentity only reads
            // memory and mints, a guest's GetId starts its store write here and is answered when it is durable;
            // every other operation may write and wait, or fetch keys.
            PoolDispatcher.Incoming pool = pools.read(exchange);
            if (pool.nonBlocking()) {
                handlePool(ctx, pool);
            } else {
                Workers.run(ctx, () -> handlePool(ctx, pool));
            }
            return;
        }
        QueryDispatcher.Incoming incoming = dispatcher.read(exchange);
        if (incoming.nonBlocking()) {
            handle(ctx, incoming);
        } else {
            Workers.run(ctx, () -> handle(ctx, incoming));
        }
    }

    private void handle(RoutingContext ctx, QueryDispatcher.Incoming incoming) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        MDC.put("requestId", requestId);
        try {
            QueryResponse response = dispatcher.dispatch(incoming, requestId);
            timer(response.action(), response.errorCode() == null ? "Success" : response.errorCode())
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            ctx.response()
                    .setStatusCode(response.status())
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("x-amzn-RequestId", requestId)
                    .end(Bodies.utf8(response.body()));
        } finally {
            MDC.remove("requestId");
        }
    }

    /**
     * Dispatches a Cognito Identity request and writes its answer: at once when it is made on this thread, else (a
     * guest's GetId, answered once its identity is durable) back on this request's event loop, so no thread waits for
     * the disk meanwhile.
     */
    private void handlePool(RoutingContext ctx, PoolDispatcher.Incoming incoming) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        MDC.put("requestId", requestId);
        java.util.concurrent.CompletableFuture<PoolDispatcher.Response> answer;
        try {
            answer = pools.dispatchAsync(incoming, requestId).toCompletableFuture();
        } finally {
            MDC.remove("requestId");
        }
        if (answer.isDone()) {
            answerPool(ctx, answer.join(), requestId, started);
            return;
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        answer.whenComplete((response, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                ctx.fail(failure);
            } else {
                answerPool(ctx, response, requestId, started);
            }
        }));
    }

    private void answerPool(RoutingContext ctx, PoolDispatcher.Response response, String requestId, long started) {
        timer(response.operation(), response.errorType() == null ? "Success" : response.errorType())
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        var http = ctx.response()
                .setStatusCode(response.status())
                .putHeader("Content-Type", PoolDispatcher.CONTENT_TYPE)
                .putHeader("x-amzn-RequestId", requestId);
        if (response.errorType() != null) {
            http.putHeader("x-amzn-ErrorType", response.errorType());
        }
        http.end(Bodies.utf8(response.body()));
    }

    /**
     * The timer of one action and outcome, registered once: both labels come from closed sets (registered action
     * names, AWS error codes), so the map stays small.
     */
    private Timer timer(String action, String outcome) {
        return timers.computeIfAbsent(action + ' ' + outcome, k -> Timer.builder("keygate.requests")
                .description("AWS Query requests by action and outcome")
                .tag("action", action)
                .tag("outcome", outcome)
                .register(metrics));
    }

    static HttpExchange exchange(RoutingContext ctx) {
        return exchangeWithBody(ctx, ctx.get(RAW_BODY));
    }

    static HttpExchange exchangeWithBody(RoutingContext ctx, byte[] body) {
        HttpServerRequest request = ctx.request();
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> h : request.headers()) {
            headers.add(Map.entry(h.getKey(), h.getValue()));
        }
        if (request.getHeader("Host") == null && request.authority() != null) {
            // HTTP/2 carries the host as :authority; SigV4 signs it as Host.
            headers.add(Map.entry("Host", request.authority().toString()));
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new HttpExchange(request.method().name(), rawPath, rawQuery, headers, body, ip, request.isSSL());
    }

    /** Failures before the dispatcher runs (body too large, connection problems) still get the AWS envelope. */
    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String requestId = RequestIds.next();
        AwsErrorCode code = switch (ctx.statusCode()) {
            case 413 -> AwsErrorCode.RequestEntityTooLarge;
            case 400 -> AwsErrorCode.MalformedQueryString;
            default -> AwsErrorCode.InternalFailure;
        };
        String message = switch (code) {
            case RequestEntityTooLarge -> "The request body is larger than this endpoint accepts.";
            case MalformedQueryString -> "The request could not be read.";
            default -> "We encountered an internal error. Please try again.";
        };
        ctx.response()
                .setStatusCode(code.httpStatus())
                .putHeader("Content-Type", "text/xml")
                .putHeader("x-amzn-RequestId", requestId)
                .end(AwsErrorWriter.write(code, message, null, requestId));
    }
}
