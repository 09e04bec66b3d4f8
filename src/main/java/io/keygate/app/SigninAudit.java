package io.keygate.app;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.keygate.audit.AuditTrail;
import io.keygate.audit.SigninEvents;
import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.auth.RequestFacts;
import io.keygate.protocol.query.RequestIds;
import io.keygate.signin.ConsoleSession;
import io.keygate.signin.ConsoleSessions;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the console sign-ins of {@code /federation}, {@code POST /saml} and {@code /console/login} in the audit
 * trail ({@link SigninEvents}): who signed in is read back from the console session just opened (the same session
 * token the console then uses), never from what the browser sent.
 */
@ApplicationScoped
public class SigninAudit {

    private static final Logger LOG = Logger.getLogger(SigninAudit.class);

    private final AuditTrail trail;
    private final ConsoleSessions sessions;
    private final RequestAuthenticator authenticator;
    private final KeygateConfig config;
    private final Clock clock;

    public SigninAudit(AuditTrail trail, ConsoleSessions sessions, RequestAuthenticator authenticator,
                       KeygateConfig config, Clock clock) {
        this.trail = trail;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.config = config;
        this.clock = clock;
    }

    /** A console session was opened under {@code cookieValue}; {@code loginTo} is where it leads. */
    void signedIn(RoutingContext ctx, String cookieValue, String loginTo, String requestId) {
        Optional<Caller> who = sessions.find(cookieValue).map(ConsoleSession::sessionToken).flatMap(this::caller);
        boolean mfa = who.map(c -> c.session() != null && c.session().mfaPresent()).orElse(false);
        record(ctx, SigninEvents.CONSOLE_LOGIN, true, who.orElse(null), null, mfa, loginTo, requestId);
    }

    /** A console sign-in failed; {@code claimed} is the existing IAM user it was for, or null. */
    void failed(RoutingContext ctx, SigninEvents.Claimed claimed, boolean mfaUsed, String requestId) {
        record(ctx, SigninEvents.CONSOLE_LOGIN, false, null, claimed, mfaUsed, null, requestId);
    }

    /** {@code getSigninToken} for the caller whose session it was (null when it failed). */
    void signinToken(RoutingContext ctx, Caller who, boolean success, String requestId) {
        record(ctx, SigninEvents.GET_SIGNIN_TOKEN, success, success ? who : null, null, false, null, requestId);
    }

    /** Where the console of this broker is, for {@code LoginTo}. */
    String console() {
        return config.publicUrl().replaceAll("/+$", "") + "/console";
    }

    private Optional<Caller> caller(String sessionToken) {
        try {
            return Optional.of(authenticator.authenticateHeldSession(sessionToken));
        } catch (RuntimeException e) {
            // the session ended between its opening and now: the event names no one rather than fail the sign-in
            return Optional.empty();
        }
    }

    private void record(RoutingContext ctx, String eventName, boolean success, Caller who,
                        SigninEvents.Claimed claimed, boolean mfaUsed, String loginTo, String requestId) {
        try {
            RequestFacts facts = QueryWiring.facts(ctx.request());
            SigninEvents.Attempt attempt = new SigninEvents.Attempt(eventName, success,
                    who == null ? null : who.withFacts(facts), claimed, mfaUsed, loginTo, Map.of(), facts,
                    config.region(), requestId == null ? RequestIds.next() : requestId, clock.instant());
            trail.recordSignin(() -> attempt, !eventName.equals(SigninEvents.GET_SIGNIN_TOKEN));
        } catch (RuntimeException e) {
            LOG.errorf("Cannot record a console sign-in (request %s): %s", requestId, e.getClass().getSimpleName());
        }
    }
}
