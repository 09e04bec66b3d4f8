package io.keygate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.console.Console;
import io.keygate.error.KeygateException;
import io.keygate.protocol.query.FormDecoder;
import io.keygate.signin.ConsoleFederation;
import io.keygate.signin.ConsolePages;
import io.keygate.signin.ConsoleSession;
import io.keygate.signin.ConsoleSessions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The console's pages: each request finds the console session behind the cookie, re-authenticates its
 * credentials (revocation and deletion end it at once), checks the CSRF token of every POST, and renders a page of
 * {@link Console}. Work runs on worker threads.
 */
@ApplicationScoped
public class ConsoleRoutes {

    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class);

    private final ConsoleSessions sessions;
    private final RequestAuthenticator authenticator;
    private final Console console;
    /** The administration pages (field-injected so that page groups can be added without touching the constructor). */
    @jakarta.inject.Inject
    io.keygate.console.AdminPages admin;

    public ConsoleRoutes(ConsoleSessions sessions, RequestAuthenticator authenticator, Console console) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.console = console;
    }

    /** A signed-in request: the session, its caller (with this exchange's facts) and the form or JSON body. */
    record Signed(ConsoleSession session, Caller caller, RoutingContext ctx) {
        String query(String name) {
            return ctx.request().getParam(name);
        }
    }

    void register(@Observes Router router) {
        get(router, "/console", s -> console.home(s.caller(), s.session().expiresAt(), s.session().csrfToken()));
        get(router, "/console/check", s -> console.check(s.caller(), s.query("action"), s.query("resource"),
                s.session().csrfToken()));
        for (String kind : new String[] {"users", "groups", "roles", "policies"}) {
            get(router, "/console/" + kind, s -> console.list(s.caller(), kind, s.session().csrfToken()));
        }
        get(router, "/console/policies/new", s -> console.policyEditor("", null, null, s.session().csrfToken()));
        post(router, "/console/policies/new", (s, form) -> page(s.ctx(), console.createPolicy(s.caller(),
                form.get("name"), form.get("document"), s.session().csrfToken())));
        registerAdmin(router);
        router.route("/console/api/validate-policy").method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(256 * 1024).setHandleFileUploads(false))
                .handler(ctx -> Workers.run(ctx, () -> validate(ctx)));
    }

    /** Providers, access keys, MFA enrolment, revocation and the trust debugger ({@link io.keygate.console.AdminPages}). */
    private void registerAdmin(Router router) {
        get(router, "/console/providers", s -> admin.providers(s.caller(), s.session().csrfToken()));
        get(router, "/console/access-keys", s -> admin.accessKeys(s.caller(), s.query("user"), s.session().csrfToken()));
        post(router, "/console/access-keys", (s, form) -> page(s.ctx(), admin.changeAccessKey(s.caller(),
                form.get("user"), form.get("op"), form.get("key"), s.session().csrfToken())));
        get(router, "/console/mfa", s -> admin.mfa(s.caller(), s.session().csrfToken()));
        post(router, "/console/mfa", (s, form) -> page(s.ctx(), admin.changeMfa(s.caller(), form,
                s.session().csrfToken())));
        get(router, "/console/revocations", s -> admin.revocations(s.caller(), s.session().csrfToken()));
        post(router, "/console/revocations", (s, form) -> page(s.ctx(), admin.revoke(s.caller(), form.get("kind"),
                form.get("value"), s.session().csrfToken())));
        get(router, "/console/trust", s -> admin.trust(s.caller(), null, s.session().csrfToken()));
        post(router, "/console/trust", (s, form) -> page(s.ctx(), admin.trust(s.caller(), form,
                s.session().csrfToken())));
    }

    private void get(Router router, String path, java.util.function.Function<Signed, Console.Page> page) {
        router.route(path).method(HttpMethod.GET).handler(ctx -> Workers.run(ctx, () -> signed(ctx)
                .ifPresent(s -> page(ctx, page.apply(s)))));
    }

    private void post(Router router, String path, BiConsumer<Signed, Map<String, String>> handler) {
        router.route(path).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(256 * 1024).setHandleFileUploads(false))
                .handler(ctx -> Workers.run(ctx, () -> signed(ctx).ifPresent(s -> {
                    Map<String, String> form = form(ctx);
                    if (!csrfMatches(form.get("csrf"), s.session())) {
                        SigninRoutes.secure(ctx.response()).setStatusCode(403)
                                .putHeader("Content-Type", "text/html; charset=utf-8").end(ConsolePages.forbidden());
                        return;
                    }
                    handler.accept(s, form);
                })));
    }

    private void validate(RoutingContext ctx) {
        Optional<Signed> signed = signed(ctx);
        if (signed.isEmpty()) {
            return;
        }
        if (!csrfMatches(ctx.request().getHeader("X-CSRF-Token"), signed.get().session())) {
            json(ctx, 403, Map.of("valid", false, "message", "Missing or wrong CSRF token."));
            return;
        }
        String document = "";
        try {
            JsonNode body = ApiRoutes.JSON.readTree(ctx.body().buffer().getBytes());
            document = body.path("document").asText("");
        } catch (IOException | RuntimeException e) {
            json(ctx, 400, Map.of("valid", false, "message", "The request body is not valid JSON."));
            return;
        }
        json(ctx, 200, Console.validate(document));
    }

    /** The live session of this request, or empty after answering with the signed-out page. */
    private Optional<Signed> signed(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SigninRoutes.SESSION_COOKIE);
        Optional<ConsoleSession> session = cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
        if (session.isPresent()) {
            try {
                Caller caller = authenticator.authenticateHeldSession(session.get().sessionToken())
                        .withFacts(QueryWiring.facts(ctx.request()));
                return Optional.of(new Signed(session.get(), caller, ctx));
            } catch (KeygateException e) {
                LOG.debugf("console session refused: %s", e.code());
            }
        }
        Cookie issuer = ctx.request().getCookie(SigninRoutes.ISSUER_COOKIE);
        String link = issuer == null ? null : ConsoleFederation.issuerLink(issuer.getValue()).orElse(null);
        SigninRoutes.secure(ctx.response()).setStatusCode(401).putHeader("Content-Type", "text/html; charset=utf-8")
                .end(ConsolePages.signedOut(link));
        return Optional.empty();
    }

    private static boolean csrfMatches(String sent, ConsoleSession session) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        if (ctx.body() != null && ctx.body().buffer() != null) {
            try {
                FormDecoder.decode(ctx.body().buffer().toString(StandardCharsets.UTF_8), params);
            } catch (KeygateException e) {
                params.clear();
            }
        }
        return params;
    }

    private static void page(RoutingContext ctx, Console.Page page) {
        SigninRoutes.secure(ctx.response()).setStatusCode(page.status())
                .putHeader("Content-Type", "text/html; charset=utf-8").end(page.html());
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        try {
            SigninRoutes.secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(ApiRoutes.JSON.writeValueAsString(body));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

}
