package io.keygate.sts;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.error.KeygateException;
import io.keygate.federation.saml.RolePair;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code AssumeRoleWithSAML} (unsigned, as in AWS), top to bottom: parameters → the {@code PrincipalArn}'s provider →
 * the SAML pipeline ({@link SamlResponseValidator}: signature, issuer, audience, times, attributes) → the steps shared
 * with the console's {@code POST /saml} ({@link SamlSessions}): the assertion's Role attribute must offer the pair
 * ({@code RoleArn}, {@code PrincipalArn}) → replay (once per role) → the shared federated-principal path
 * ({@link FederatedSessions}: trust for the {@code Federated} principal, tags, source identity, duration capped by
 * {@code SessionDuration} and {@code SessionNotOnOrAfter}, minting). The assertion is consumed for the role only
 * after the trust decision allowed, just before minting. A refusal is logged once with
 * the request id and the failing check ({@link #logRefusal}), never the assertion.
 */
public final class AssumeRoleWithSaml extends StsAction {

    private static final Logger LOG = Logger.getLogger(AssumeRoleWithSaml.class);
    /** The longest {@code SAMLAssertion} (AWS: 100,000 characters of base64); the trust debugger takes the same. */
    static final int MAX_ASSERTION = 100_000;

    private final SamlTrusts trusts;
    private final SamlResponseValidator validator;
    private final SessionInputs inputs;
    private final SamlSessions sessions;

    public AssumeRoleWithSaml(SamlTrusts trusts, SamlResponseValidator validator, SessionInputs inputs,
                              FederatedSessions sessions) {
        this.trusts = trusts;
        this.validator = validator;
        this.inputs = inputs;
        this.sessions = new SamlSessions(validator, sessions);
    }

    @Override
    public String name() {
        return "AssumeRoleWithSAML";
    }

    @Override
    public boolean requiresSignature() {
        return false;
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String roleArn = params.string("RoleArn", true, 20, 2048, null);
        String principalArn = params.string("PrincipalArn", true, 20, 2048, null);
        String assertion = params.string("SAMLAssertion", true, 4, MAX_ASSERTION, null);
        Integer requested = params.integer("DurationSeconds", 900, 43_200, null);
        String account = accountOf(roleArn);
        SessionInputs.Inputs base = inputs.read(params, account, false);
        String[] step = {"ProviderLookup"};
        try {
            SamlTrust trust = trusts.forArn(principalArn, caller.partition()).orElseThrow(() ->
                    new FederationRejectedException(AwsErrorCode.InvalidIdentityToken,
                            "The SAML provider " + QueryParams.echo(principalArn) + " does not exist."));
            SamlResponseValidator.Report report = validator.explain(assertion, issuer -> java.util.Optional.of(trust));
            if (report.failure() != null) {
                step[0] = report.failedCheck();
                throw report.failure();
            }
            VerifiedAssertion verified = report.assertion();
            FederatedSessions.FederatedSession session = sessions.assume(verified, roleArn, principalArn, requested,
                    base, caller, s -> step[0] = s);
            return xml -> {
                session.credentials().write(xml);
                xml.start("AssumedRoleUser").element("AssumedRoleId", session.assumedRoleId())
                        .element("Arn", session.arn()).end();
                xml.element("PackedPolicySize", session.packedPolicySize())
                        .element("Subject", verified.subject())
                        .element("SubjectType", verified.subjectType())
                        .element("Issuer", verified.issuer())
                        .element("Audience", verified.recipient())
                        .element("NameQualifier", verified.nameQualifier())
                        .element("SourceIdentity", session.sourceIdentity());
            };
        } catch (KeygateException e) {
            logRefusal(step[0], e, roleArn, principalArn);
            throw e;
        }
    }

    /**
     * One line per refusal, findable by the request id the caller got in its error answer: the step that refused
     * (a pipeline check such as {@code AudienceCheck}, or {@code ProviderLookup}, {@code RolePair}, {@code Replay},
     * {@code Trust}), the AWS code and the reason. Never the assertion or a secret; ARNs shortened like messages.
     */
    private static void logRefusal(String step, KeygateException e, String roleArn, String principalArn) {
        Object requestId = MDC.get("requestId");
        LOG.infof("AssumeRoleWithSAML refused: requestId=%s check=%s code=%s reason=\"%s\" role=%s provider=%s; "
                        + "POST the same parameters to /api/v1/federation/explain for every check",
                requestId == null ? "-" : requestId, step, e.code(), e.getMessage(), QueryParams.echo(roleArn),
                QueryParams.echo(principalArn));
    }

    /** The Role attribute must offer exactly the requested role through exactly the named provider. */
    static void offeredPair(VerifiedAssertion verified, String roleArn, String principalArn) {
        for (RolePair pair : verified.roles()) {
            if (pair.roleArn().equals(roleArn) && pair.providerArn().equals(principalArn)) {
                return;
            }
        }
        throw new FederationRejectedException(AwsErrorCode.IDPRejectedClaim, "The SAML assertion's Role "
                + "attribute does not offer the role " + QueryParams.echo(roleArn) + " with the provider "
                + QueryParams.echo(principalArn) + ".");
    }

    /** The verified assertion as the shared path's {@link FederatedIdentity}. */
    static FederatedIdentity identity(VerifiedAssertion a) {
        Integer maxDuration = a.single(VerifiedAssertion.SESSION_DURATION).map(Integer::valueOf).orElse(null);
        return new FederatedIdentity(IssuingAction.AssumeRoleWithSAML, a.trust().providerArn(), a.subject(),
                a.single(VerifiedAssertion.ROLE_SESSION_NAME).orElseThrow(), a.conditionKeys(), a.sessionKeys(),
                a.principalTags(), a.transitiveTagKeys(), a.single(VerifiedAssertion.SOURCE_IDENTITY).orElse(null),
                maxDuration, a.sessionNotOnOrAfter());
    }

    private static String accountOf(String roleArn) {
        String[] p = roleArn.split(":", 6);
        return p.length == 6 ? p[4] : "";
    }
}
