package io.keygate.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.keygate.protocol.query.RequestIds;
import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.query.HttpExchange;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Keygate's JSON API under {@code /api/v1/}: every endpoint is SigV4-signed with scope service {@code keygate};
 * bodies are parsed with depth and size limits; errors are {@code {"Code", "Message"}} JSON with the status of the
 * AWS code.
 */
@ApplicationScoped
public class ApiRoutes {

    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
    /**
     * The longest JSON string the API reads: the trust debugger's {@code SAMLAssertion} (100,000 characters, as
     * AssumeRoleWithSAML). Each endpoint still checks its own members' lengths.
     */
    static final int MAX_STRING = 100_000;
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_STRING)
                    .build())
            .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RequestAuthenticator authenticator;
    private final List<ApiEndpoint<Caller>> endpoints = new ArrayList<>();
    /** Every call is recorded (field-injected: the audit trail is wired apart from the routes). */
    @jakarta.inject.Inject
    io.keygate.audit.AuditTrail audit;
    @jakarta.inject.Inject
    java.time.Clock clock;

    public ApiRoutes(RequestAuthenticator authenticator, Instance<ApiEndpoint<Caller>> endpoints) {
        this.authenticator = authenticator;
        endpoints.forEach(this.endpoints::add);
    }

    void register(@Observes Router router) {
        for (ApiEndpoint<Caller> endpoint : endpoints) {
            router.route(endpoint.path()).method(HttpMethod.valueOf(endpoint.method()))
                    .handler(BodyHandler.create(false).setBodyLimit(256 * 1024).setHandleFileUploads(false))
                    .handler(ctx -> {
                        if (endpoint.nonBlocking()) {
                            handle(ctx, endpoint);
                        } else {
                            Workers.run(ctx, () -> handle(ctx, endpoint));
                        }
                    })
                    .failureHandler(ApiRoutes::failure);
        }
    }

    private void handle(RoutingContext ctx, ApiEndpoint<Caller> endpoint) {
        String requestId = RequestIds.next();
        MDC.put("requestId", requestId);
        Caller[] who = new Caller[1];
        JsonNode[] sent = new JsonNode[1];
        Object[] answered = new Object[1];
        String[] error = new String[2];
        try {
            HttpExchange exchange = QueryRoutes.exchangeWithBody(ctx,
                    ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            Caller caller = authenticator.authenticate(QueryWiring.sigV4(exchange), "keygate")
                    .withFacts(QueryWiring.facts(exchange));
            who[0] = caller;
            JsonNode body = null;
            if (exchange.body().length > 0) {
                try {
                    body = JSON.readTree(exchange.body());
                } catch (IOException e) {
                    throw new InvalidInputException(AwsErrorCode.ValidationError, "The request body is not valid JSON.");
                }
            }
            sent[0] = body;
            ApiResult result = endpoint.handle(body, caller, ctx.pathParams());
            answered[0] = result.body();
            write(ctx, result.status(), result.body(), requestId);
        } catch (KeygateException e) {
            error[0] = e.code().name();
            error[1] = e.getMessage();
            Map<String, String> envelope = new java.util.LinkedHashMap<>();
            envelope.put("Code", e.code().name());
            envelope.put("Message", e.getMessage());
            e.location().ifPresent(l -> envelope.put("Location", l));
            write(ctx, e.code().httpStatus(), envelope, requestId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "InternalFailure on %s (request %s)", endpoint.path(), requestId);
            error[0] = "InternalFailure";
            error[1] = "We encountered an internal error.";
            write(ctx, 500, Map.of("Code", "InternalFailure", "Message", "We encountered an internal error."),
                    requestId);
        } finally {
            MDC.remove("requestId");
            String name = endpoint.getClass().getSimpleName().replaceFirst("Endpoint$", "");
            Map<String, String> path = Map.copyOf(ctx.pathParams());
            java.time.Instant at = clock.instant();
            JsonNode body = sent[0];
            Object answer = answered[0];
            String code = error[0];
            String message = error[1];
            // built on the audit writer's thread (the decision API answers on the I/O threads)
            audit.record(who[0], () -> new io.keygate.audit.AuditEvents.Call("keygate.amazonaws.com", name, null,
                    requestId, parameters(body, path), decided(endpoint, answer), code, message, at),
                    io.keygate.audit.AuditEvents.readOnly("keygate.amazonaws.com", name)
                            || ctx.request().method() == io.vertx.core.http.HttpMethod.GET);
        }
    }

    /**
     * The decision API's answer (decision, principal, matched statements) is kept in its audit event: the access
     * advisor counts the services a principal was allowed from it. Other endpoints' answers are recorded when they
     * ask for it ({@link ApiEndpoint#answerAudited()}: key rotation and retirement).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> decided(ApiEndpoint<Caller> endpoint, Object answer) {
        if (answer == null || !endpoint.answerAudited()
                && !endpoint.getClass().getSimpleName().equals("AuthorizeEndpoint")) {
            return null;
        }
        return JSON.convertValue(answer, Map.class);
    }

    /** The JSON body's top-level members and the path parameters, as the audit trail's request parameters. */
    private static Map<String, String> parameters(JsonNode body, Map<String, String> path) {
        Map<String, String> out = new java.util.LinkedHashMap<>(path);
        if (body != null && body.isObject()) {
            body.properties().forEach(e -> out.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        return out;
    }

    private static void write(RoutingContext ctx, int status, Object body, String requestId) {
        if (body instanceof ApiResult.Text text) {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", text.contentType())
                    .putHeader("x-amzn-RequestId", requestId)
                    .end(text.text());
            return;
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            status = 500;
            json = "{\"Code\":\"InternalFailure\",\"Message\":\"We encountered an internal error.\"}";
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-RequestId", requestId)
                .end(json);
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() == 413 ? 413 : 400;
        String code = status == 413 ? "RequestEntityTooLarge" : "ValidationError";
        write(ctx, status, Map.of("Code", code, "Message", "The request could not be read."), RequestIds.next());
    }
}
