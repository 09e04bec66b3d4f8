package io.keygate.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.iam.Partition;
import io.keygate.protocol.query.FormDecoder;
import io.keygate.protocol.query.RequestIds;
import io.keygate.signin.SamlPages;
import io.keygate.signin.SamlSignin;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /saml}, the console's SAML assertion consumer (HTTP-POST binding: {@code SAMLResponse},
 * {@code RelayState}), and the role chooser's answer to it ({@code pending}, {@code csrf}, {@code roleIndex}).
 * The work is {@link SamlSignin}'s; this class turns its outcome into a console cookie and a 302 (set exactly as
 * {@code Action=login} sets it), the chooser page with its browser-binding cookie, or a refusal page with the
 * request id (4xx; the refusal is logged once with it, never the assertion). Work runs on worker threads; pages
 * carry the console's Content-Security-Policy.
 */
@ApplicationScoped
public class SamlSigninRoutes {

    /** Binds a role chooser to the browser it was shown to (with the form's CSRF token). */
    static final String BINDING_COOKIE = "keygate-saml-choice";
    /** A URL-encoded form with a 100,000-character SAMLResponse fits with room to spare. */
    static final int BODY_LIMIT = 512 * 1024;
    private static final Logger LOG = Logger.getLogger(SamlSigninRoutes.class);

    private final SamlSignin signin;
    private final KeygateConfig config;
    private final Partition partition;
    private final Clock clock;
    private final SigninAudit audit;

    public SamlSigninRoutes(SamlSignin signin, KeygateConfig config, Partition partition, Clock clock,
                            SigninAudit audit) {
        this.audit = audit;
        this.signin = signin;
        this.config = config;
        this.partition = partition;
        this.clock = clock;
    }

    void register(@Observes Router router) {
        router.route("/saml").method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setHandleFileUploads(false))
                .handler(ctx -> Workers.run(ctx, () -> post(ctx)))
                .failureHandler(SamlSigninRoutes::failure);
    }

    private void post(RoutingContext ctx) {
        String requestId = RequestIds.next();
        MDC.put("requestId", requestId);
        String[] step = {"Form"};
        try {
            Map<String, String> form = form(ctx);
            Caller unsigned = Caller.unsigned(partition, config.region(),
                    QueryWiring.facts(ctx.request()));
            SamlSignin.Outcome outcome = form.containsKey("pending")
                    ? signin.choose(form.get("pending"), form.get("csrf"), cookie(ctx, BINDING_COOKIE),
                    form.get("roleIndex"), unsigned, s -> step[0] = s)
                    : signin.post(form.get("SAMLResponse"), form.get("RelayState"), unsigned, s -> step[0] = s);
            if (outcome instanceof SamlSignin.SignedIn in) {
                ctx.response().addCookie(ConsoleCookies.cookie(ctx, config.publicUrl(), "/",
                        SigninRoutes.SESSION_COOKIE, in.cookieValue(),
                        Duration.between(clock.instant(), in.expiresAt()).getSeconds()));
                if (cookie(ctx, BINDING_COOKIE) != null) {
                    ctx.response().addCookie(ConsoleCookies.cookie(ctx, config.publicUrl(), "/saml",
                            BINDING_COOKIE, "", 0));
                }
                audit.signedIn(ctx, in.cookieValue(), in.destination() == null ? audit.console()
                        : in.destination().toString(), requestId);
                SigninRoutes.secure(ctx.response()).setStatusCode(302)
                        .putHeader("Location", in.destination() == null ? "/console" : in.destination().toString())
                        .putHeader("x-amzn-RequestId", requestId).end();
            } else if (outcome instanceof SamlSignin.Choose choose) {
                ctx.response().addCookie(ConsoleCookies.cookie(ctx, config.publicUrl(), "/saml", BINDING_COOKIE,
                        choose.binding(), Duration.between(clock.instant(), choose.expiresAt()).getSeconds()));
                SigninRoutes.secure(ctx.response());
                if (choose.destination() != null) {
                    // The chooser's form is answered by a redirect to RelayState, and form-action covers redirects:
                    // an allow-listed destination on another origin must be named, or the browser stops there.
                    String origin = choose.destination().getScheme() + "://" + choose.destination().getRawAuthority();
                    ctx.response().putHeader("Content-Security-Policy", ctx.response().headers()
                            .get("Content-Security-Policy").replace("form-action 'self'", "form-action 'self' " + origin));
                }
                ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("x-amzn-RequestId", requestId).end(SamlPages.chooser(choose));
            } else {
                LOG.infof("POST /saml refused: requestId=%s check=Csrf code=Forbidden reason=\"the role choice came "
                        + "without its CSRF token or browser binding\"", requestId);
                audit.failed(ctx, null, false, requestId);
                page(ctx, 403, SamlPages.forbidden(requestId), requestId);
            }
        } catch (KeygateException e) {
            LOG.infof("POST /saml refused: requestId=%s check=%s code=%s reason=\"%s\"", requestId, step[0], e.code(),
                    e.getMessage());
            int status = e.code().httpStatus() >= 500 ? 400 : e.code().httpStatus();
            audit.failed(ctx, null, false, requestId);
            page(ctx, status, SamlPages.refused(e.code().name(), e.getMessage(), requestId), requestId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "InternalFailure on POST /saml (request %s)", requestId);
            audit.failed(ctx, null, false, requestId);
            page(ctx, 500, SamlPages.refused(AwsErrorCode.InternalFailure.name(), "We encountered an internal "
                    + "error.", requestId), requestId);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The form body with the strict Query decoder (a malformed body is refused with the decoder's error). */
    private static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        if (ctx.body() != null && ctx.body().buffer() != null) {
            FormDecoder.decode(ctx.body().buffer().toString(StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static String cookie(RoutingContext ctx, String name) {
        Cookie cookie = ctx.request().getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    private static void page(RoutingContext ctx, int status, String html, String requestId) {
        SigninRoutes.secure(ctx.response()).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("x-amzn-RequestId", requestId).end(html);
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        boolean tooLarge = ctx.statusCode() == 413;
        String requestId = RequestIds.next();
        page(ctx, tooLarge ? 413 : 400, SamlPages.refused(tooLarge ? AwsErrorCode.RequestEntityTooLarge.name()
                : AwsErrorCode.ValidationError.name(), tooLarge ? "The SAML response is too large."
                : "The request could not be read.", requestId), requestId);
    }
}
