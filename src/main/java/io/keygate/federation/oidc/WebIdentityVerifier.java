package io.keygate.federation.oidc;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.iam.OidcProvider;

/**
 * Verifies an OIDC token (a JWS compact JWT, RFC 7519) against the registered providers, as a pipeline of named
 * checks in DESIGN's order: {@link #SIZE} → {@link #FORM} → {@link #HEADER} → {@link #PROVIDER} → {@link #KEY} →
 * {@link #SIGNATURE} → {@link #ISSUER} → {@link #TIMES} → {@link #AUDIENCE} → {@link #SUBJECT}. The first check that
 * fails ends the pipeline with its AWS error ({@code InvalidIdentityToken}, {@code ExpiredTokenException},
 * {@code IDPCommunicationError}); nothing of an unverified token is used except its {@code iss} (to pick the
 * provider whose keys must then verify it) and its {@code kid} (a lookup key among those keys, never a URL or path).
 * The header's {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are ignored: keys come only from the provider's
 * JWKS. Thread-safe.
 */
public final class WebIdentityVerifier {

    /** The registered providers the token may come from, by id ({@code iss} without its scheme). */
    @FunctionalInterface
    public interface Providers {
        Optional<OidcProvider> byId(String id);
    }

    /** Longest token accepted (STS {@code WebIdentityToken} is at most 20,000 characters). */
    public static final int MAX_TOKEN_LENGTH = 20_000;
    /** The allowlist: asymmetric signature algorithms only; never {@code none}, never HMAC. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    /** Key candidates tried for a token without {@code kid}. */
    private static final int MAX_CANDIDATES = 8;

    static final String SIZE = "size";
    static final String FORM = "form";
    static final String HEADER = "header";
    static final String PROVIDER = "provider";
    static final String KEY = "key";
    static final String SIGNATURE = "signature";
    static final String ISSUER = "issuer";
    static final String TIMES = "times";
    static final String AUDIENCE = "audience";
    static final String SUBJECT = "subject";

    private final JwksCache keys;
    private final OidcSettings settings;
    private final Clock clock;

    public WebIdentityVerifier(JwksCache keys, OidcSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs the pipeline.
     *
     * @throws FederationRejectedException naming the failed check's AWS error
     */
    public VerifiedWebIdentity verify(String token, Providers providers) {
        return run(token, providers, passed -> { });
    }

    /**
     * One check of {@link #explain}: {@code PASSED}, {@code FAILED} (with the refusal's message) or {@code SKIPPED}
     * (after a failure), as the SAML pipeline reports its checks.
     */
    public record Check(String check, String outcome, String detail) {
    }

    /**
     * The pipeline's report for the trust debugger: every check in order, then the verified identity, or the
     * refusal AssumeRoleWithWebIdentity would answer. Mints nothing.
     */
    public record Report(List<Check> checks, VerifiedWebIdentity verified, FederationRejectedException failure) {
    }

    /** Runs the same pipeline as {@link #verify}, reporting each check instead of stopping at the first refusal. */
    public Report explain(String token, Providers providers) {
        List<String> passed = new ArrayList<>();
        List<Check> report = new ArrayList<>();
        try {
            VerifiedWebIdentity verified = run(token, providers, passed::add);
            passed.forEach(c -> report.add(new Check(c, "PASSED", null)));
            return new Report(report, verified, null);
        } catch (FederationRejectedException e) {
            List<String> all = checks();
            passed.forEach(c -> report.add(new Check(c, "PASSED", null)));
            int failed = passed.size();
            report.add(new Check(all.get(failed), "FAILED", e.getMessage()));
            all.subList(failed + 1, all.size()).forEach(c -> report.add(new Check(c, "SKIPPED", null)));
            return new Report(report, null, e);
        }
    }

    /** The checks in {@link #checks()} order; {@code passed} hears each one that passed. */
    private VerifiedWebIdentity run(String token, Providers providers, java.util.function.Consumer<String> passed) {
        checkSize(token);
        passed.accept(SIZE);
        CompactJws jwt = parse(token);
        passed.accept(FORM);
        JWSHeader header = checkHeader(jwt);
        JWTClaimsSet claims = claims(jwt);
        passed.accept(HEADER);
        OidcProvider provider = provider(claims, providers);
        passed.accept(PROVIDER);
        List<ProviderKeys.Key> candidates = candidateKeys(provider, header);
        passed.accept(KEY);
        checkSignature(jwt, candidates);
        passed.accept(SIGNATURE);
        String issuer = checkIssuer(claims, provider);
        passed.accept(ISSUER);
        Instant expires = checkTimes(claims);
        passed.accept(TIMES);
        List<String> audiences = claims.getAudience() == null ? List.of() : claims.getAudience();
        String audience = checkAudience(claims, audiences, provider);
        passed.accept(AUDIENCE);
        String subject = checkSubject(claims);
        passed.accept(SUBJECT);
        return new VerifiedWebIdentity(provider, issuer, subject, audience, audiences, expires, claims.getClaims());
    }

    /**
     * Whether verifying this token would need no fetch: its provider's keys are cached and hold its {@code kid}.
     * Never blocks; a token that cannot even be parsed counts as warm (it fails without I/O).
     */
    public boolean isWarm(String token, Providers providers) {
        try {
            if (token == null || token.length() > MAX_TOKEN_LENGTH) {
                return true;
            }
            CompactJws jwt = TokenParser.parse(token);
            String iss = jwt.claims().getIssuer();
            Optional<OidcProvider> provider = iss == null ? Optional.empty() : providers.byId(OidcProvider.idOf(iss));
            return provider.isEmpty() || keys.isWarm(source(provider.get()), jwt.header().getKeyID());
        } catch (ParseException | RuntimeException e) {
            return true;
        }
    }

    // ---------------------------------------------------------------- the checks, in order

    /** {@value #SIZE}: at most {@link #MAX_TOKEN_LENGTH} characters, before any parsing. */
    private static void checkSize(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid(SIZE, "The web identity token is longer than " + MAX_TOKEN_LENGTH + " characters.");
        }
    }

    /** {@value #FORM}: a JWS in compact form (three parts); a JWE (five parts) or anything else is refused. */
    private static CompactJws parse(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots == 4) {
            throw invalid(FORM, "The web identity token is encrypted (JWE); a signed JWT (JWS) is required.");
        }
        if (dots != 2) {
            throw invalid(FORM, "The web identity token is not a signed JWT in compact form.");
        }
        try {
            return TokenParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            if (isUnsecured(token)) {
                throw invalid(HEADER, "The web identity token is unsecured (alg none), which is not accepted.");
            }
            throw invalid(FORM, "The web identity token could not be parsed as a signed JWT.");
        }
    }

    private static boolean isUnsecured(String token) {
        try {
            com.nimbusds.jwt.PlainJWT.parse(token);
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** {@value #HEADER}: {@code alg} in the allowlist; no {@code crit} parameter (Keygate understands none). */
    private static JWSHeader checkHeader(CompactJws jwt) {
        JWSHeader header = jwt.header();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw invalid(HEADER, "The web identity token is signed with " + header.getAlgorithm()
                    + ", which is not accepted; use RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA.");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw invalid(HEADER, "The web identity token marks header parameters critical that Keygate does not "
                    + "understand: " + header.getCriticalParams());
        }
        return header;
    }

    private static JWTClaimsSet claims(CompactJws jwt) {
        try {
            return jwt.claims();
        } catch (ParseException | RuntimeException e) {
            throw invalid(FORM, "The web identity token's payload is not a JSON object of claims.");
        }
    }

    /** {@value #PROVIDER}: the registered provider named by {@code iss} (unverified until the signature is). */
    private static OidcProvider provider(JWTClaimsSet claims, Providers providers) {
        String iss = claims.getIssuer();
        if (iss == null || iss.isEmpty()) {
            throw invalid(PROVIDER, "The web identity token has no iss claim.");
        }
        return providers.byId(OidcProvider.idOf(iss)).orElseThrow(() -> invalid(PROVIDER,
                "No OpenIDConnect provider found in your account for " + echo(iss)));
    }

    /** {@value #KEY}: keys of the provider's JWKS that fit the algorithm and the {@code kid}. */
    private List<ProviderKeys.Key> candidateKeys(OidcProvider provider, JWSHeader header) {
        String kid = header.getKeyID();
        ProviderKeys set = keys.keys(source(provider), kid);
        List<ProviderKeys.Key> candidates = set.candidates(kid, header.getAlgorithm());
        if (candidates.isEmpty()) {
            throw invalid(KEY, kid == null
                    ? "The provider publishes no key for the token's algorithm " + header.getAlgorithm() + "."
                    : "The provider publishes no " + header.getAlgorithm() + " key with the token's kid.");
        }
        return candidates.size() > MAX_CANDIDATES ? candidates.subList(0, MAX_CANDIDATES) : candidates;
    }

    /** {@value #SIGNATURE}: the signature verifies with one of the candidate keys. */
    private static void checkSignature(CompactJws jwt, List<ProviderKeys.Key> candidates) {
        for (ProviderKeys.Key key : candidates) {
            if (key.verifier().verifies(jwt)) {
                return;
            }
        }
        throw invalid(SIGNATURE, "The web identity token's signature is not valid for the provider's keys.");
    }

    /** {@value #ISSUER}: {@code iss} equals the provider URL exactly (or its id, for issuers written bare). */
    private static String checkIssuer(JWTClaimsSet claims, OidcProvider provider) {
        String iss = claims.getIssuer();
        if (!iss.equals(provider.url()) && !iss.equals(provider.id())) {
            throw invalid(ISSUER, "The web identity token's issuer " + echo(iss) + " is not " + provider.url());
        }
        return iss;
    }

    /** {@value #TIMES}: {@code exp} required and in the future, {@code nbf} and {@code iat} not ahead, with skew. */
    private Instant checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid(TIMES, "The web identity token has no exp claim.");
        }
        if (!exp.toInstant().plus(settings.clockSkew()).isAfter(now)) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException, "Token expired: current "
                    + "date/time " + DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    + " must be before the expiration date/time " + DateTimeFormatter.ISO_INSTANT.format(exp.toInstant()));
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw invalid(TIMES, "The web identity token is not valid yet (nbf is in the future).");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw invalid(TIMES, "The web identity token was issued in the future (iat).");
        }
        return exp.toInstant();
    }

    /** {@value #AUDIENCE}: an {@code aud} value, or else {@code azp}, is one of the provider's client ids. */
    private static String checkAudience(JWTClaimsSet claims, List<String> audiences, OidcProvider provider) {
        for (String aud : audiences) {
            if (provider.clientIds().contains(aud)) {
                return aud;
            }
        }
        Object azp = claims.getClaim("azp");
        if (azp instanceof String s && provider.clientIds().contains(s)) {
            return s;
        }
        throw invalid(AUDIENCE, "Incorrect token audience");
    }

    /** {@value #SUBJECT}: a {@code sub} of 1–255 characters. */
    private static String checkSubject(JWTClaimsSet claims) {
        String sub = claims.getSubject();
        if (sub == null || sub.isEmpty() || sub.length() > 255) {
            throw invalid(SUBJECT, "The web identity token needs a sub claim of 1 to 255 characters.");
        }
        return sub;
    }

    // ---------------------------------------------------------------- helpers

    static JwksCache.Source source(OidcProvider provider) {
        return new JwksCache.Source(provider.url(), provider.thumbprints());
    }

    private static FederationRejectedException invalid(String check, String message) {
        return new FederationRejectedException(AwsErrorCode.InvalidIdentityToken, message);
    }

    private static String echo(String value) {
        return value.length() > 256 ? value.substring(0, 256) + "…" : value;
    }

    /** The names of the checks in pipeline order (for the trust debugger's report). */
    public static List<String> checks() {
        return new ArrayList<>(List.of(SIZE, FORM, HEADER, PROVIDER, KEY, SIGNATURE, ISSUER, TIMES, AUDIENCE,
                SUBJECT));
    }
}
