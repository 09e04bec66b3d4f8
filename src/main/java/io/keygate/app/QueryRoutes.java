package io.keygate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

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
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The AWS Query endpoint, {@code POST /} and {@code GET /}: reads the raw request on a worker thread, hands it to
 * the {@link QueryDispatcher} and writes the XML answer with the {@code x-amzn-RequestId} header. Also records the
 * per-action request metrics and puts the request id into the log context.
 */
@ApplicationScoped
public class QueryRoutes {

    private final QueryDispatcher<Caller> dispatcher;
    private final KeygateConfig config;
    private final MeterRegistry metrics;

    public QueryRoutes(QueryDispatcher<Caller> dispatcher, KeygateConfig config, MeterRegistry metrics) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false)
                .setBodyLimit(config.http().maxBodyBytes())
                .setMergeFormAttributes(false)
                .setHandleFileUploads(false);
        router.route("/").method(HttpMethod.POST).method(HttpMethod.GET)
                .handler(body)
                .blockingHandler(this::handle, false)
                .failureHandler(QueryRoutes::failure);
    }

    private void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        MDC.put("requestId", requestId);
        try {
            QueryResponse response = dispatcher.dispatch(exchange(ctx), requestId);
            Timer.builder("keygate.requests")
                    .description("AWS Query requests by action and outcome")
                    .tag("action", response.action())
                    .tag("outcome", response.errorCode() == null ? "Success" : response.errorCode())
                    .register(metrics)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            ctx.response()
                    .setStatusCode(response.status())
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("x-amzn-RequestId", requestId)
                    .end(response.body());
        } finally {
            MDC.remove("requestId");
        }
    }

    static HttpExchange exchange(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> h : request.headers()) {
            headers.add(Map.entry(h.getKey(), h.getValue()));
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new HttpExchange(request.method().name(), rawPath, rawQuery, headers, body, ip, request.isSSL());
    }

    /** Failures before the dispatcher runs (body too large, connection problems) still get the AWS envelope. */
    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        AwsErrorCode code = ctx.statusCode() == 413 ? AwsErrorCode.RequestEntityTooLarge : AwsErrorCode.InternalFailure;
        String message = code == AwsErrorCode.RequestEntityTooLarge
                ? "The request body is larger than this endpoint accepts."
                : "We encountered an internal error. Please try again.";
        ctx.response()
                .setStatusCode(code.httpStatus())
                .putHeader("Content-Type", "text/xml")
                .putHeader("x-amzn-RequestId", requestId)
                .end(AwsErrorWriter.write(code, message, null, requestId));
    }
}
