package io.keygate.app;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.action.AccountProvisioner;
import io.keygate.iam.action.IamContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/v1/accounts}: the bootstrap account's root creates another account. SigV4-signed for service
 * {@code keygate}; JSON body {@code {"AccountId"?, "Alias"?}}; answers {@code {"AccountId", "AccessKeyId",
 * "SecretAccessKey"}} (the new root key, shown once). Errors are JSON {@code {"__type", "message"}} with the AWS
 * status of the code.
 */
@ApplicationScoped
public class AccountRoutes {

    private static final Logger LOG = Logger.getLogger(AccountRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestAuthenticator authenticator;
    private final AccountProvisioner provisioner;
    private final AccountRepository accounts;
    private final KeygateConfig config;

    public AccountRoutes(RequestAuthenticator authenticator, IamContext iam, AccountRepository accounts,
                         KeygateConfig config) {
        this.authenticator = authenticator;
        this.provisioner = new AccountProvisioner(iam);
        this.accounts = accounts;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route("/api/v1/accounts").method(HttpMethod.POST)
                .handler(BodyHandler.create().setBodyLimit(16_384))
                .blockingHandler(this::create, false);
    }

    private String bootstrapAccount() {
        return Bootstrap.accountId(config, accounts);
    }

    private void create(RoutingContext ctx) {
        try {
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            Caller caller = authenticator.authenticate(QueryWiring.sigV4(QueryRoutes.exchange(withBody(ctx, body))),
                    "keygate");
            JsonNode request;
            try {
                request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(AwsErrorCode.MalformedQueryString, "The request body is not JSON.");
            }
            if (!request.isObject()) {
                throw new InvalidInputException(AwsErrorCode.MalformedQueryString, "The request body is not JSON.");
            }
            String id = text(request, "AccountId");
            String alias = text(request, "Alias");
            AccountProvisioner.Created created = provisioner.create(caller, bootstrapAccount(), id, alias);
            LOG.infof("Account %s created by %s", created.accountId(), caller.arn());
            Map<String, String> out = new LinkedHashMap<>();
            out.put("AccountId", created.accountId());
            out.put("AccessKeyId", created.accessKeyId());
            out.put("SecretAccessKey", created.secretAccessKey());
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(out));
        } catch (KeygateException e) {
            error(ctx, e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.error("CreateAccount failed", e);
            error(ctx, AwsErrorCode.InternalFailure, "We encountered an internal error. Please try again.");
        }
    }

    private static RoutingContext withBody(RoutingContext ctx, byte[] body) {
        ctx.put("keygate.rawBody", body);
        return ctx;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, field + " must be a string.");
        }
        return value.asText();
    }

    private static void error(RoutingContext ctx, AwsErrorCode code, String message) {
        try {
            ctx.response().setStatusCode(code.httpStatus()).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(Map.of("__type", code.name(), "message", message)));
        } catch (java.io.IOException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
