package io.keygate.app;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.issuer.IssuerKeys;
import io.keygate.issuer.OutboundFederation;
import io.keygate.issuer.OutboundFederationRepository;
import io.keygate.issuer.WebIdentityTokens;
import io.keygate.pool.PoolTokenVerifier;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public documents of each account's issuer: {@code GET /oidc/<id>/.well-known/openid-configuration} and
 * {@code GET /oidc/<id>/.well-known/jwks.json}, cacheable for five minutes. An issuer stays served after outbound
 * federation is disabled, so tokens issued before still verify. Work (a store read, perhaps a first key generation)
 * runs on a worker thread.
 */
@ApplicationScoped
public class IssuerRoutes {

    private static final Logger LOG = Logger.getLogger(IssuerRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboundFederationRepository records;
    private final IssuerKeys keys;
    private final String base;

    public IssuerRoutes(OutboundFederationRepository records, IssuerKeys keys, @Named("issuerBase") String base) {
        this.records = records;
        this.keys = keys;
        this.base = base;
    }

    void register(@Observes Router router) {
        router.route("/oidc/:issuer/.well-known/openid-configuration").method(HttpMethod.GET)
                .handler(ctx -> blocking(ctx, () -> discovery(ctx)));
        router.route("/oidc/:issuer/.well-known/jwks.json").method(HttpMethod.GET)
                .handler(ctx -> blocking(ctx, () -> jwks(ctx)));
        // Identity pools' basic-flow issuer (GetOpenIdToken), shared by every account as AWS's is.
        router.route(PoolTokenVerifier.ISSUER_PATH + "/.well-known/openid-configuration").method(HttpMethod.GET)
                .handler(ctx -> blocking(ctx, () -> json(ctx, WebIdentityTokens.discovery(base
                        + PoolTokenVerifier.ISSUER_PATH))));
        router.route(PoolTokenVerifier.ISSUER_PATH + "/.well-known/jwks.json").method(HttpMethod.GET)
                .handler(ctx -> blocking(ctx, () -> send(ctx, keys.published().toString(true))));
    }

    private static void blocking(RoutingContext ctx, Runnable work) {
        ctx.vertx().executeBlocking(() -> {
            work.run();
            return null;
        }, false).onFailure(e -> {
            LOG.errorf(e, "Issuer document failed for %s", ctx.request().path());
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(500).end();
            }
        });
    }

    private Optional<OutboundFederation> issuer(RoutingContext ctx) {
        String id = ctx.pathParam("issuer");
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return records.byIssuerId(id);
    }

    private void discovery(RoutingContext ctx) {
        Optional<OutboundFederation> issuer = issuer(ctx);
        if (issuer.isEmpty()) {
            notFound(ctx);
            return;
        }
        Map<String, Object> doc = WebIdentityTokens.discovery(issuer.get().issuerUrl(base));
        try {
            send(ctx, JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(RoutingContext ctx, Map<String, Object> doc) {
        try {
            send(ctx, JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void jwks(RoutingContext ctx) {
        if (issuer(ctx).isEmpty()) {
            notFound(ctx);
            return;
        }
        send(ctx, keys.published().toString(true));
    }

    private static void send(RoutingContext ctx, String json) {
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(json);
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"unknown issuer\"}");
    }
}
