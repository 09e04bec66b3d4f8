package io.keygate.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.protocol.query.FormDecoder;
import io.keygate.protocol.query.RequestIds;
import io.keygate.signin.ConsoleFederation;
import io.keygate.signin.ConsolePages;
import io.keygate.signin.ConsoleSession;
import io.keygate.signin.ConsoleSessions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The console federation endpoint {@code /federation} (GET, and POST with a form body, as AWS's sign-in endpoint)
 * and the console session's own pages: the landing page {@code /console} and {@code /console/logout}.
 * {@code getSigninToken} only reads memory and computes (the session's checks, as a signed request's on the I/O
 * thread; its audit event is queued), so it runs on the I/O thread; {@code login} and the pages, which write to the
 * store durably, run on worker threads. Every page is sent with a strict Content-Security-Policy, no caching and no
 * framing.
 */
@ApplicationScoped
public class SigninRoutes {

    static final String SESSION_COOKIE = "keygate-console";
    static final String ISSUER_COOKIE = "keygate-console-issuer";
    private static final Logger LOG = Logger.getLogger(SigninRoutes.class);

    private final ConsoleFederation federation;
    private final ConsoleSessions sessions;
    private final RequestAuthenticator authenticator;
    private final KeygateConfig config;
    private final Clock clock;
    private final SigninAudit audit;

    public SigninRoutes(ConsoleFederation federation, ConsoleSessions sessions, RequestAuthenticator authenticator,
                        KeygateConfig config, Clock clock, SigninAudit audit) {
        this.audit = audit;
        this.federation = federation;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.config = config;
        this.clock = clock;
    }

    void register(@Observes Router router) {
        router.route("/federation").method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false))
                .handler(this::federation)
                .failureHandler(SigninRoutes::failure);
        router.route("/console/logout").method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(4 * 1024).setHandleFileUploads(false))
                .handler(ctx -> Workers.run(ctx, () -> logout(ctx)));
    }


    /** Reads the parameters on the I/O thread; answers there unless the action writes (see the class comment). */
    private void federation(RoutingContext ctx) {
        Map<String, String> params;
        try {
            params = parameters(ctx);
        } catch (KeygateException e) {
            String requestId = RequestIds.next();
            json(ctx, e.code().httpStatus(), error(e.code().name(), e.getMessage()), requestId);
            return;
        }
        if ("getSigninToken".equals(params.get("Action"))) {
            federation(ctx, params);
        } else {
            Workers.run(ctx, () -> federation(ctx, params));
        }
    }

    private void federation(RoutingContext ctx, Map<String, String> params) {
        String requestId = RequestIds.next();
        MDC.put("requestId", requestId);
        String[] action = {null};
        try {
            action[0] = params.get("Action");
            if ("getSigninToken".equals(action[0])) {
                ConsoleFederation.Minted minted = federation.getSigninToken(params.get("Session"),
                        params.get("SessionDuration"));
                audit.signinToken(ctx, minted.caller(), true, requestId);
                json(ctx, 200, "{\"SigninToken\":\"" + minted.signinToken() + "\"}", requestId);
            } else if ("login".equals(action[0])) {
                ConsoleFederation.Login login = federation.login(params.get("SigninToken"),
                        params.get("Destination"), params.get("Issuer"));
                HttpServerResponse response = ctx.response();
                response.addCookie(cookie(ctx, SESSION_COOKIE, login.cookieValue(),
                        Duration.between(clock.instant(), login.expiresAt()).getSeconds()));
                ConsoleFederation.issuerLink(params.get("Issuer")).ifPresent(issuer -> response.addCookie(
                        cookie(ctx, ISSUER_COOKIE, issuer, Duration.ofDays(30).getSeconds())));
                audit.signedIn(ctx, login.cookieValue(), login.destination().toString(), requestId);
                secure(response).setStatusCode(302).putHeader("Location", login.destination().toString())
                        .putHeader("x-amzn-RequestId", requestId).end();
            } else {
                json(ctx, 400, error("InvalidAction", "Action must be getSigninToken or login."), requestId);
            }
        } catch (KeygateException e) {
            failed(ctx, action[0], requestId);
            json(ctx, e.code().httpStatus(), error(e.code().name(), e.getMessage()), requestId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "InternalFailure on /federation (request %s)", requestId);
            failed(ctx, action[0], requestId);
            json(ctx, 500, error("InternalFailure", "We encountered an internal error."), requestId);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** A refused {@code getSigninToken} or {@code login} in the audit trail (other actions are not sign-ins). */
    private void failed(RoutingContext ctx, String action, String requestId) {
        if ("getSigninToken".equals(action)) {
            audit.signinToken(ctx, null, false, requestId);
        } else if ("login".equals(action)) {
            audit.failed(ctx, null, false, requestId);
        }
    }

    /** The query string, and for POST the form body too, with the strict Query decoder. */
    private static Map<String, String> parameters(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        String query = ctx.request().query();
        if (query != null) {
            FormDecoder.decode(query, params);
        }
        if (ctx.request().method() == HttpMethod.POST && ctx.body() != null && ctx.body().buffer() != null) {
            FormDecoder.decode(ctx.body().buffer().toString(StandardCharsets.UTF_8), params);
        }
        return params;
    }

    /**
     * GET shows a sign-out form; POST with the session's CSRF token ends the session. A cross-site page cannot end
     * a console session: it knows no CSRF token, and GET changes nothing.
     */
    private void logout(RoutingContext ctx) {
        Optional<String> cookie = cookieValue(ctx, SESSION_COOKIE);
        Optional<ConsoleSession> session = session(ctx);
        String issuer = cookieValue(ctx, ISSUER_COOKIE).flatMap(ConsoleFederation::issuerLink).orElse(null);
        if (ctx.request().method() == HttpMethod.GET) {
            page(ctx, 200, session.map(ConsolePages::confirmSignOut).orElseGet(() -> ConsolePages.signedOut(issuer)));
            return;
        }
        if (session.isPresent()) {
            String sent = formParameters(ctx).get("csrf");
            if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                page(ctx, 403, ConsolePages.forbidden());
                return;
            }
            sessions.end(cookie.get());
        }
        ctx.response().addCookie(cookie(ctx, SESSION_COOKIE, "", 0));
        page(ctx, 200, ConsolePages.signedOut(issuer));
    }

    private static Map<String, String> formParameters(RoutingContext ctx) {
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

    private Optional<ConsoleSession> session(RoutingContext ctx) {
        return cookieValue(ctx, SESSION_COOKIE).flatMap(sessions::find);
    }

    private static Optional<String> cookieValue(RoutingContext ctx, String name) {
        Cookie cookie = ctx.request().getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private Cookie cookie(RoutingContext ctx, String name, String value, long maxAgeSeconds) {
        return ConsoleCookies.cookie(ctx, config.publicUrl(), "/", name, value, maxAgeSeconds);
    }

    static HttpServerResponse secure(HttpServerResponse response) {
        return response
                .putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                        + "base-uri 'none'")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
    }

    private static void page(RoutingContext ctx, int status, String html) {
        secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

    private static void json(RoutingContext ctx, int status, String body, String requestId) {
        secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-RequestId", requestId).end(Bodies.utf8(body));
    }

    private static String error(String code, String message) {
        return ApiRoutes.JSON.createObjectNode().put("Code", code).put("Message", message).toString();
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() == 413 ? 413 : 400;
        String code = status == 413 ? AwsErrorCode.RequestEntityTooLarge.name() : AwsErrorCode.ValidationError.name();
        json(ctx, status, error(code, "The request could not be read."), RequestIds.next());
    }
}
