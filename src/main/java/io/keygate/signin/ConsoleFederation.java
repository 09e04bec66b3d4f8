package io.keygate.signin;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.expiry.ExpiringEntries;

/**
 * The two actions of the console federation endpoint, as AWS's sign-in endpoint defines them:
 * <ol>
 *   <li>{@link #getSigninToken}: the {@code Session} JSON's temporary credentials are authenticated exactly as a
 *   signed request's would be (shared with {@link RequestAuthenticator}), the console session length is decided
 *   ({@code SessionDuration} 900–43200 s for role sessions only, at most one hour for chained role sessions, an
 *   error with GetFederationToken credentials, never beyond the credentials' expiry), and a sign-in token valid for
 *   15 minutes is issued;</li>
 *   <li>{@link #login}: the destination is checked (no open redirects), the token is consumed once cluster-wide, the
 *   credentials are authenticated again (a session revoked meanwhile cannot sign in), and a console session is
 *   opened.</li>
 * </ol>
 * Long-term access keys and GetSessionToken credentials cannot sign in (AWS: no console SSO for them).
 *
 * <p>Thread-safe.
 */
public final class ConsoleFederation {

    /** How long a sign-in token may be used (AWS: 15 minutes). */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final int MIN_SESSION = 900;
    static final int MAX_SESSION = 43_200;
    static final int CHAINED_MAX_SESSION = 3_600;
    /** The console session of a role session when the request names no SessionDuration. */
    static final int DEFAULT_SESSION = 3_600;
    static final int MAX_SESSION_PARAMETER = 16 * 1024;
    private static final Duration USED_MARGIN = Duration.ofMinutes(5);
    /** Where earlier versions kept a format 1 token's grant (memory only), taken at its login. */
    private static final String PREFIX = "signin/";
    /** The ids of format 2 tokens already used, kept until they expire (durable: a restart must not allow reuse). */
    private static final String USED = "signin-used/";

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                    .maxStringLength(MAX_SESSION_PARAMETER).build())
            .build());

    private final RequestAuthenticator authenticator;
    private final SigninTokens tokens;
    private final ExpiringEntries grants;
    private final ExpiringEntries used;
    private final ConsoleSessions sessions;
    private final DestinationCheck destinations;
    private final Clock clock;

    /**
     * @param grants the entries where earlier versions stored format 1 tokens' grants
     * @param used   durable entries shared by the cluster, where used token ids are kept until they expire
     */
    public ConsoleFederation(RequestAuthenticator authenticator, SigninTokens tokens, ExpiringEntries grants,
                             ExpiringEntries used, ConsoleSessions sessions, DestinationCheck destinations,
                             Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.used = Objects.requireNonNull(used, "used");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A console session just opened by {@link #login}. */
    public record Login(URI destination, String cookieValue, Instant expiresAt) {
    }

    /** A sign-in token just minted, and the caller whose session it was minted for (whom the audit trail names). */
    public record Minted(String signinToken, Caller caller) {
    }

    /**
     * {@code Action=getSigninToken}.
     *
     * @param session         the {@code Session} parameter: JSON {@code {sessionId, sessionKey, sessionToken}}
     * @param sessionDuration the {@code SessionDuration} parameter, or null
     * @return the sign-in token
     */
    public Minted getSigninToken(String session, String sessionDuration) {
        Credentials credentials = parseSession(session);
        Caller caller = authenticator.authenticateSessionCredentials(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        SessionClaims claims = caller.session();
        Instant now = clock.instant();
        Instant consoleExpiry = consoleExpiry(claims, sessionDuration, now);
        // The token carries the session it stands for: minting stores nothing, login marks it used.
        SigninTokens.Contents contents = new SigninTokens.Contents(ConsoleSessions.randomId(),
                now.plus(TOKEN_LIFETIME), consoleExpiry, credentials.sessionToken());
        return new Minted(tokens.seal(contents), caller);
    }

    /**
     * {@code Action=login}: consumes the sign-in token and opens a console session.
     *
     * @throws InvalidInputException if the destination is not allowed or the token is invalid, expired or used
     */
    public Login login(String signinToken, String destination, String issuer) {
        URI target = destinations.check(destination).orElseThrow(() -> new InvalidInputException(
                AwsErrorCode.InvalidParameterValue, "The Destination is not a page of this console or an "
                + "allowed destination."));
        SigninTokens.Contents contents = tokens.open(signinToken)
                .filter(c -> c.expiresAt().isAfter(clock.instant()))
                .orElseThrow(ConsoleFederation::invalidToken);
        String sessionToken;
        Instant expiresAt;
        if (contents.grantStored()) {
            String grant = grants.take(PREFIX + contents.id()).orElseThrow(ConsoleFederation::invalidToken);
            JsonNode node;
            try {
                node = JSON.readTree(grant);
            } catch (IOException e) {
                throw invalidToken();
            }
            sessionToken = node.path("token").asText();
            expiresAt = Instant.ofEpochSecond(node.path("exp").asLong());
        } else {
            // first use wins, cluster-wide; the mark outlives the token (plus the clock skew between nodes)
            Duration left = Duration.between(clock.instant(), contents.expiresAt()).plus(USED_MARGIN);
            if (!used.putIfAbsent(USED + contents.id(), "1", left)) {
                throw invalidToken();
            }
            sessionToken = contents.sessionToken();
            expiresAt = contents.consoleExpiresAt();
        }
        Caller caller = authenticator.authenticateHeldSession(sessionToken);
        if (caller.session().expiresAt().isBefore(expiresAt)) {
            expiresAt = caller.session().expiresAt();
        }
        if (!expiresAt.isAfter(clock.instant())) {
            throw invalidToken();
        }
        String cookie = sessions.open(sessionToken, issuerLink(issuer).orElse(null), expiresAt);
        return new Login(target, cookie, expiresAt);
    }

    private Instant consoleExpiry(SessionClaims claims, String sessionDuration, Instant now) {
        IssuingAction action = claims.issuingAction();
        if (action == IssuingAction.GetSessionToken || action == IssuingAction.ConsoleLogin) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, "Credentials from " + action
                    + " cannot be used to sign in to the console. Use GetFederationToken or AssumeRole.");
        }
        if (action == IssuingAction.GetFederationToken) {
            if (sessionDuration != null) {
                throw new InvalidInputException(AwsErrorCode.InvalidParameterCombination, "SessionDuration cannot "
                        + "be used with credentials from GetFederationToken: their console session lasts as long "
                        + "as the credentials (set DurationSeconds on GetFederationToken instead).");
            }
            return claims.expiresAt();
        }
        int seconds = DEFAULT_SESSION;
        if (sessionDuration != null) {
            try {
                seconds = Integer.parseInt(sessionDuration);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < MIN_SESSION || seconds > MAX_SESSION) {
                throw new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                        "SessionDuration must be between " + MIN_SESSION + " and " + MAX_SESSION + " seconds.");
            }
            if (claims.chained() && seconds > CHAINED_MAX_SESSION) {
                throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, "SessionDuration cannot exceed "
                        + CHAINED_MAX_SESSION + " seconds for credentials from role chaining.");
            }
        }
        Instant wanted = now.plusSeconds(seconds);
        return wanted.isBefore(claims.expiresAt()) ? wanted : claims.expiresAt();
    }

    private record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    private static Credentials parseSession(String session) {
        if (session == null || session.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter Session.");
        }
        if (session.length() > MAX_SESSION_PARAMETER) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, "The Session parameter is too long.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(session);
        } catch (IOException | RuntimeException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("sessionId").isTextual()
                || !node.path("sessionKey").isTextual()) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, "The Session parameter must be JSON "
                    + "{\"sessionId\": …, \"sessionKey\": …, \"sessionToken\": …} with temporary credentials.");
        }
        if (!node.path("sessionToken").isTextual() || node.get("sessionToken").asText().isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.InvalidParameterValue, "Long-term access keys cannot sign "
                    + "in to the console: the Session must hold temporary credentials with a sessionToken.");
        }
        return new Credentials(node.get("sessionId").asText(), node.get("sessionKey").asText(),
                node.get("sessionToken").asText());
    }

    /** The Issuer is only ever shown as a link: keep it only when it is a plain http(s) URL. */
    public static Optional<String> issuerLink(String issuer) {
        if (issuer == null || issuer.isEmpty() || issuer.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(issuer);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && uri.getRawUserInfo() == null
                    && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                return Optional.of(uri.toString());
            }
        } catch (java.net.URISyntaxException e) {
            // not a link
        }
        return Optional.empty();
    }

    private static InvalidInputException invalidToken() {
        return new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                "The sign-in token is invalid, expired or already used. Request a new one with getSigninToken.");
    }
}
