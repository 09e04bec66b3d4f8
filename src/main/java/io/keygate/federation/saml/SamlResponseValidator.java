package io.keygate.federation.saml;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.error.KeygateException;
import io.keygate.expiry.ExpiringEntries;

/**
 * The SAML validation pipeline (DESIGN decision 6), one callable unit for AssumeRoleWithSAML and the console's
 * {@code POST /saml}: a base64 {@code samlp:Response} in, a {@link VerifiedAssertion} with the roles it offers out.
 * The checks run in this order, cheap ones first, each refusing with its own AWS error:
 * <ol>
 * <li>{@link SizeCheck}, {@link Base64Check} (deflated messages refused), {@link ParserCheck} (hardened parser);</li>
 * <li>{@link SchemaCheck}: one Response, exactly one assertion, unique IDs;</li>
 * <li>{@link StatusCheck}, {@link ProviderCheck} (the registered provider whose entity id is the Issuer);</li>
 * <li>{@link ResponseSignatureCheck}, {@link DecryptionCheck}, {@link IssuerCheck},
 *     {@link AssertionSignatureCheck}: only metadata certificates, the signed element is the element read;</li>
 * <li>{@link DestinationCheck}, {@link AudienceCheck}, {@link TimeWindowCheck},
 *     {@link SubjectConfirmationCheck}: addressed to Keygate, valid now;</li>
 * <li>{@link AttributeCheck}: the Role pairs, RoleSessionName, SessionDuration.</li>
 * </ol>
 * Replay is the caller's last step, once it knows the role: {@link #consume} remembers issuer + assertion ID + role
 * until the assertion expires, in the {@link ExpiringEntries} it is given (the store's replay cache, shared by every
 * node), so one assertion serves each role it offers once. Callers may not drop a check; {@link #explain} runs the
 * same list without consuming anything.
 *
 * <p>Thread-safe.
 */
public final class SamlResponseValidator {

    private static final List<SamlCheck> CHECKS = List.of(new SizeCheck(), new Base64Check(), new ParserCheck(),
            new SchemaCheck(), new StatusCheck(), new ProviderCheck(), new ResponseSignatureCheck(),
            new DecryptionCheck(), new IssuerCheck(), new AssertionSignatureCheck(), new DestinationCheck(),
            new AudienceCheck(), new TimeWindowCheck(), new SubjectConfirmationCheck(), new AttributeCheck());
    static final String REPLAY_PREFIX = "saml-replay/";

    private final SamlSettings settings;
    private final Clock clock;
    private final ExpiringEntries replays;

    public SamlResponseValidator(SamlSettings settings, Clock clock, ExpiringEntries replays) {
        this.settings = settings;
        this.clock = clock;
        this.replays = replays;
    }

    public SamlSettings settings() {
        return settings;
    }

    /** The outcome of one check: {@code PASSED}, {@code FAILED} (with the reason) or {@code SKIPPED} after a failure. */
    public record CheckOutcome(String check, String outcome, String detail) {
    }

    /**
     * Every check's outcome, and the verified assertion or the first refusal.
     *
     * @param checks    the outcomes in pipeline order
     * @param assertion the verified assertion, or null when a check failed
     * @param failure   the refusal {@link #validate} throws, or null
     */
    public record Report(List<CheckOutcome> checks, VerifiedAssertion assertion, KeygateException failure) {

        /** The name of the check that refused, or null when every check passed. */
        public String failedCheck() {
            return checks.stream().filter(c -> c.outcome().equals("FAILED")).map(CheckOutcome::check).findFirst()
                    .orElse(null);
        }
    }

    /**
     * Runs the pipeline.
     *
     * @param samlResponse the base64 {@code SAMLResponse} / {@code SAMLAssertion}
     * @param providers    the registered provider for an Issuer (the Issuer may be null when the response has none);
     *                     AssumeRoleWithSAML answers the {@code PrincipalArn}'s provider whatever the Issuer, and
     *                     {@link ProviderCheck} then insists they agree
     * @throws FederationRejectedException InvalidIdentityToken, IDPRejectedClaim or ExpiredTokenException
     */
    public VerifiedAssertion validate(String samlResponse, Function<String, Optional<SamlTrust>> providers) {
        Report report = run(samlResponse, providers);
        if (report.failure() != null) {
            throw report.failure();
        }
        return report.assertion();
    }

    /** The same pipeline, answering every check's outcome instead of throwing (the trust debugger). */
    public Report explain(String samlResponse, Function<String, Optional<SamlTrust>> providers) {
        return run(samlResponse, providers);
    }

    private Report run(String samlResponse, Function<String, Optional<SamlTrust>> providers) {
        SamlWork work = new SamlWork(samlResponse, providers, settings, clock.instant());
        List<CheckOutcome> outcomes = new ArrayList<>(CHECKS.size());
        KeygateException failure = null;
        for (SamlCheck check : CHECKS) {
            if (failure != null) {
                outcomes.add(new CheckOutcome(check.name(), "SKIPPED", null));
                continue;
            }
            try {
                check.check(work);
                outcomes.add(new CheckOutcome(check.name(), "PASSED", null));
            } catch (KeygateException e) {
                failure = e;
                outcomes.add(new CheckOutcome(check.name(), "FAILED", e.getMessage()));
            }
        }
        return new Report(List.copyOf(outcomes), failure == null ? work.result() : null, failure);
    }

    /**
     * What an <em>unverified</em> response claims: its Issuer and the Role pairs of a plain (not encrypted)
     * assertion. Nothing here is trusted: the console's {@code POST /saml} uses it only to choose which registered
     * providers to run {@link #validate} with (a Role pair names the provider whose certificates must verify the
     * response); the roles it offers come from the verified assertions alone.
     *
     * @param issuer    the Response's Issuer (else the plain Assertion's), or null
     * @param encrypted whether the assertion is encrypted (then {@code roles} is empty: nothing can be read)
     * @param roles     the Role pairs as written, unverified
     */
    public record Claims(String issuer, boolean encrypted, List<RolePair> roles) {
        public Claims {
            roles = List.copyOf(roles);
        }
    }

    /**
     * Reads {@link Claims} with the pipeline's own first checks (size, base64, hardened parser, shape); a response
     * those refuse claims nothing ({@code issuer} null, no roles), and {@link #validate} then reports why.
     */
    public Claims claims(String samlResponse) {
        SamlWork work = new SamlWork(samlResponse, issuer -> Optional.empty(), settings, clock.instant());
        try {
            for (SamlCheck check : List.of(new SizeCheck(), new Base64Check(), new ParserCheck(), new SchemaCheck())) {
                check.check(work);
            }
        } catch (KeygateException e) {
            return new Claims(null, false, List.of());
        }
        org.w3c.dom.Element responseIssuer = SamlXml.child(work.response, SamlXml.ASSERTION, "Issuer");
        org.w3c.dom.Element assertionIssuer = work.encrypted ? null
                : SamlXml.child(work.assertion, SamlXml.ASSERTION, "Issuer");
        String issuer = SamlXml.text(responseIssuer != null ? responseIssuer : assertionIssuer);
        List<RolePair> roles = new ArrayList<>();
        if (!work.encrypted) {
            for (org.w3c.dom.Element statement : SamlXml.children(work.assertion, SamlXml.ASSERTION,
                    "AttributeStatement")) {
                for (org.w3c.dom.Element attribute : SamlXml.children(statement, SamlXml.ASSERTION, "Attribute")) {
                    if (VerifiedAssertion.ROLE.equals(SamlXml.attribute(attribute, "Name"))) {
                        for (org.w3c.dom.Element value : SamlXml.children(attribute, SamlXml.ASSERTION,
                                "AttributeValue")) {
                            RolePair pair = RolePair.parse(SamlXml.text(value));
                            if (pair != null) {
                                roles.add(pair);
                            }
                        }
                    }
                }
            }
        }
        return new Claims(issuer, work.encrypted, roles);
    }

    /**
     * The replay check (THREATS: replay): the first use of this assertion for {@code roleArn} is remembered until
     * the assertion expires (plus the skew); a second use for the same role is refused, on any node.
     *
     * @throws FederationRejectedException InvalidIdentityToken when already used for this role
     */
    public void consume(VerifiedAssertion assertion, String roleArn) {
        Duration lifespan = lifespan(assertion);
        if (!replays.putIfAbsent(replayKey(assertion, roleArn), "1", lifespan)) {
            throw replayed();
        }
    }

    /**
     * The replay check without consuming: refuses an assertion already used for {@code roleArn}. Callers run it
     * before their own decisions and {@link #consume} only once those allow, so a refused call does not burn the
     * assertion.
     *
     * @throws FederationRejectedException InvalidIdentityToken when already used for this role
     */
    public void refuseReplay(VerifiedAssertion assertion, String roleArn) {
        if (alreadyUsed(assertion, roleArn)) {
            throw replayed();
        }
    }

    private static FederationRejectedException replayed() {
        return new FederationRejectedException(AwsErrorCode.InvalidIdentityToken,
                "This SAML assertion was already used for this role (replay refused).");
    }

    /** Whether {@link #consume} would refuse: for the trust debugger, which consumes nothing. */
    public boolean alreadyUsed(VerifiedAssertion assertion, String roleArn) {
        return replays.get(replayKey(assertion, roleArn)).isPresent();
    }

    private Duration lifespan(VerifiedAssertion assertion) {
        Instant end = assertion.notOnOrAfter().plus(settings.clockSkew());
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private static String replayKey(VerifiedAssertion a, String roleArn) {
        return REPLAY_PREFIX + a.issuer().length() + ":" + a.issuer() + "|" + a.assertionId() + "|" + roleArn;
    }

    /** A value from the document, shortened and stripped of control characters, for messages. */
    static String echo(String value) {
        String v = value.length() > 128 ? value.substring(0, 128) + "…" : value;
        return "'" + v.replaceAll("[\\p{Cntrl}]", "?") + "'";
    }
}
