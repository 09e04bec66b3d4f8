package io.keygate.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.keygate.auth.RequestFacts;
import io.keygate.error.KeygateException;
import io.keygate.protocol.query.FormDecoder;
import io.keygate.signin.ConsolePages;
import io.keygate.signin.UserSignin;
import io.keygate.signin.UserSigninPages;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * IAM user sign-in: {@code GET/POST /console/login} (account, user name, password), {@code POST
 * /console/login/password} (forced password change) and {@code POST /console/login/mfa} (MFA code), each handing
 * off to one step of {@link UserSignin}. Every form carries a CSRF token that must match the sign-in CSRF cookie
 * (no session exists yet: double submit, with a SameSite=Strict HttpOnly cookie); the half-done sign-in is named by
 * a second cookie. Pages are sent with the console's Content-Security-Policy (no script at all here). Work runs on
 * worker threads.
 */
@ApplicationScoped
public class UserSigninRoutes {

    static final String CSRF_COOKIE = "keygate-signin-csrf";
    static final String PENDING_COOKIE = "keygate-signin";
    private static final String PATH = "/console/login";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Logger LOG = Logger.getLogger(UserSigninRoutes.class);

    private final UserSignin signin;
    private final KeygateConfig config;
    private final Clock clock;
    private final SigninAudit audit;

    public UserSigninRoutes(UserSignin signin, KeygateConfig config, Clock clock, SigninAudit audit) {
        this.audit = audit;
        this.signin = signin;
        this.config = config;
        this.clock = clock;
    }

    void register(@Observes Router router) {
        router.route(PATH).method(HttpMethod.GET).handler(ctx -> Workers.run(ctx, () -> showForm(ctx)));
        post(router, PATH, this::password);
        post(router, PATH + "/password", this::changePassword);
        post(router, PATH + "/mfa", this::mfa);
        for (String step : new String[] {PATH + "/password", PATH + "/mfa"}) {
            router.route(step).method(HttpMethod.GET).handler(ctx -> SigninRoutes.secure(ctx.response())
                    .setStatusCode(303).putHeader("Location", PATH).end());
        }
    }

    private void post(Router router, String path, Consumer<Step> step) {
        router.route(path).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(8 * 1024).setHandleFileUploads(false))
                .handler(ctx -> Workers.run(ctx, () -> {
                    Map<String, String> form = form(ctx.body() == null || ctx.body().buffer() == null ? ""
                            : ctx.body().buffer().toString(StandardCharsets.UTF_8));
                    Cookie csrf = ctx.request().getCookie(CSRF_COOKIE);
                    String sent = form.get("csrf");
                    if (csrf == null || sent == null || !MessageDigest.isEqual(
                            sent.getBytes(StandardCharsets.UTF_8), csrf.getValue().getBytes(StandardCharsets.UTF_8))) {
                        page(ctx, 403, ConsolePages.forbidden());
                        return;
                    }
                    try {
                        step.accept(new Step(ctx, form, csrf.getValue()));
                    } catch (KeygateException e) {
                        LOG.warnf("IAM user sign-in failed: %s", e.code());
                        page(ctx, e.code().httpStatus(), UserSigninPages.signIn(csrf.getValue(),
                                "Sign-in is not available right now. Please try again later."));
                    }
                }));
    }

    /** One POST of a sign-in form whose CSRF token matched. */
    private record Step(RoutingContext ctx, Map<String, String> form, String csrf) {
        String pending() {
            Cookie cookie = ctx.request().getCookie(PENDING_COOKIE);
            return cookie == null ? null : cookie.getValue();
        }
    }

    /** GET /console/login: the form, with this browser's sign-in CSRF token (made once, kept for the browser session). */
    private void showForm(RoutingContext ctx) {
        page(ctx, 200, UserSigninPages.signIn(csrfToken(ctx), null));
    }

    private void password(Step s) {
        answer(s, signin.signIn(s.form().get("account"), s.form().get("username"), s.form().get("password"),
                facts(s.ctx())));
    }

    private void changePassword(Step s) {
        answer(s, signin.changePassword(s.pending(), s.form().get("oldPassword"), s.form().get("newPassword"),
                s.form().get("confirmPassword"), facts(s.ctx())));
    }

    private void mfa(Step s) {
        answer(s, signin.mfa(s.pending(), s.form().get("code")));
    }

    /** Renders what a step led to; only a completed sign-in sets the console session cookie. */
    private void answer(Step s, UserSignin.Outcome outcome) {
        RoutingContext ctx = s.ctx();
        if (outcome instanceof UserSignin.Failed failed) {
            ctx.response().addCookie(cookie(ctx, PENDING_COOKIE, "", PATH, 0, CookieSameSite.STRICT));
            audit.failed(ctx, claimed(failed.claimed()), failed.mfaUsed(), null);
            page(ctx, 401, UserSigninPages.signIn(s.csrf(), failed.message()));
        } else if (outcome instanceof UserSignin.ChangePassword change) {
            pendingCookie(ctx, change.pending());
            page(ctx, 200, UserSigninPages.changePassword(s.csrf(), change.message()));
        } else if (outcome instanceof UserSignin.Mfa mfa) {
            pendingCookie(ctx, mfa.pending());
            if (mfa.refused() != null) {
                audit.failed(ctx, claimed(mfa.refused()), true, null);
            }
            page(ctx, 200, UserSigninPages.mfa(s.csrf(), mfa.message()));
        } else if (outcome instanceof UserSignin.SignedIn in) {
            ctx.response().addCookie(cookie(ctx, PENDING_COOKIE, "", PATH, 0, CookieSameSite.STRICT));
            // No broker to send the user back to: the signed-out page links to this sign-in instead.
            ctx.response().addCookie(cookie(ctx, SigninRoutes.ISSUER_COOKIE, "", "/", 0, CookieSameSite.LAX));
            ctx.response().addCookie(cookie(ctx, SigninRoutes.SESSION_COOKIE, in.cookieValue(), "/",
                    Duration.between(clock.instant(), in.expiresAt()).getSeconds(), CookieSameSite.LAX));
            audit.signedIn(ctx, in.cookieValue(), audit.console(), null);
            SigninRoutes.secure(ctx.response()).setStatusCode(303).putHeader("Location", "/console").end();
        }
    }

    private static io.keygate.audit.SigninEvents.Claimed claimed(UserSignin.Claimed claimed) {
        return claimed == null ? null : new io.keygate.audit.SigninEvents.Claimed(claimed.accountId(),
                claimed.userName());
    }

    private void pendingCookie(RoutingContext ctx, String pending) {
        ctx.response().addCookie(cookie(ctx, PENDING_COOKIE, pending, PATH, UserSignin.PENDING.getSeconds(),
                CookieSameSite.STRICT));
    }

    /** The browser's sign-in CSRF token, set as a cookie on first sight. */
    private String csrfToken(RoutingContext ctx) {
        Cookie existing = ctx.request().getCookie(CSRF_COOKIE);
        if (existing != null && TOKEN.matcher(existing.getValue()).matches()) {
            return existing.getValue();
        }
        byte[] bytes = new byte[32];
        io.keygate.credentials.ThreadLocalSecureRandom.INSTANCE.nextBytes(bytes);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.response().addCookie(cookie(ctx, CSRF_COOKIE, token, PATH, -1, CookieSameSite.STRICT));
        return token;
    }

    private static RequestFacts facts(RoutingContext ctx) {
        return QueryWiring.facts(ctx.request());
    }

    /** A cookie with the console's flags; {@code maxAgeSeconds} negative = until the browser closes. */
    private Cookie cookie(RoutingContext ctx, String name, String value, String path, long maxAgeSeconds,
                          CookieSameSite sameSite) {
        boolean https = config.publicUrl().startsWith("https:") || ctx.request().isSSL()
                || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        Cookie cookie = Cookie.cookie(name, value).setPath(path).setHttpOnly(true).setSameSite(sameSite)
                .setSecure(https);
        return maxAgeSeconds < 0 ? cookie : cookie.setMaxAge(Math.max(0, maxAgeSeconds));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        try {
            FormDecoder.decode(body, params);
        } catch (KeygateException e) {
            params.clear();
        }
        return params;
    }

    private static void page(RoutingContext ctx, int status, String html) {
        SigninRoutes.secure(ctx.response()).setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8").end(html);
    }

}
