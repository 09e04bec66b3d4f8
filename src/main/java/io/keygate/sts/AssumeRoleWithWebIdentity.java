package io.keygate.sts;

import java.util.regex.Matcher;

import org.jboss.logging.Logger;

import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.error.KeygateException;
import io.keygate.federation.oidc.VerifiedWebIdentity;
import io.keygate.federation.oidc.WebIdentityClaims;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.OidcProvider;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code AssumeRoleWithWebIdentity} (unsigned, as in AWS), top to bottom: parameters → the OIDC pipeline
 * ({@link WebIdentityVerifier}: size, form, header allowlist and {@code crit}, the provider named by {@code iss} in
 * the role's account, its JWKS key, signature, issuer, times, audience, subject) → the verified identity as a
 * {@link FederatedIdentity} (condition keys {@code <prefix>:aud/sub/oaud/azp/amr/email}, session keys
 * {@code <prefix>:sub/aud}, tags and source identity from the token) → the shared federated-principal path
 * ({@link FederatedSessions}). A refusal is logged once with the failing check's code, never the token.
 *
 * <p>The request runs on the I/O thread only when the provider's keys are cached with the token's {@code kid}:
 * anything that may fetch runs on a worker.
 */
public final class AssumeRoleWithWebIdentity extends StsAction {

    private static final Logger LOG = Logger.getLogger(AssumeRoleWithWebIdentity.class);

    private final OidcProviderRepository providers;
    private final WebIdentityVerifier verifier;
    private final SessionInputs inputs;
    private final FederatedSessions sessions;
    private final BuiltInProviders builtIns;

    public AssumeRoleWithWebIdentity(OidcProviderRepository providers, WebIdentityVerifier verifier,
                                     SessionInputs inputs, FederatedSessions sessions) {
        this(providers, verifier, inputs, sessions, BuiltInProviders.NONE);
    }

    /** @param builtIns providers that need no IAM OIDC provider (identity pools' basic flow), asked first */
    public AssumeRoleWithWebIdentity(OidcProviderRepository providers, WebIdentityVerifier verifier,
                                     SessionInputs inputs, FederatedSessions sessions, BuiltInProviders builtIns) {
        this.providers = providers;
        this.verifier = verifier;
        this.inputs = inputs;
        this.sessions = sessions;
        this.builtIns = builtIns;
    }

    @Override
    public String name() {
        return "AssumeRoleWithWebIdentity";
    }

    @Override
    public boolean requiresSignature() {
        return false;
    }

    @Override
    public boolean nonBlocking(QueryParams params) {
        String roleArn = params.raw("RoleArn");
        String token = params.raw("WebIdentityToken");
        if (roleArn == null || token == null) {
            return true;
        }
        String account = accountOf(roleArn);
        return verifier.isWarm(token, id -> providers.find(account, id));
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String roleArn = params.string("RoleArn", true, 20, 2048, null);
        String sessionName = params.string("RoleSessionName", true, 2, 64, RoleSessions.SESSION_NAME);
        String token = params.string("WebIdentityToken", true, 4, WebIdentityVerifier.MAX_TOKEN_LENGTH, null);
        params.string("ProviderId", false, 4, 2048, null);
        Integer requested = params.integer("DurationSeconds", 900, 43_200, null);
        String account = accountOf(roleArn);
        SessionInputs.Inputs base = inputs.read(params, account, false);
        try {
            java.util.Optional<BuiltInProviders.Verified> builtIn = builtIns.verify(token, sessionName, caller);
            if (builtIn.isPresent()) {
                BuiltInProviders.Verified found = builtIn.get();
                FederatedSessions.FederatedSession session = sessions.assume(found.identity(), roleArn, requested,
                        base, caller);
                return xml -> {
                    session.credentials().write(xml);
                    xml.element("SubjectFromWebIdentityToken", found.identity().subject());
                    xml.start("AssumedRoleUser").element("AssumedRoleId", session.assumedRoleId())
                            .element("Arn", session.arn()).end();
                    xml.element("PackedPolicySize", session.packedPolicySize())
                            .element("Provider", found.provider())
                            .element("Audience", found.audience())
                            .element("SourceIdentity", session.sourceIdentity());
                };
            }
            VerifiedWebIdentity verified = verifier.verify(token, id -> providers.find(account, id));
            FederatedSessions.FederatedSession session = sessions.assume(identity(verified, caller, sessionName),
                    roleArn, requested, base, caller);
            return xml -> {
                session.credentials().write(xml);
                xml.element("SubjectFromWebIdentityToken", verified.subject());
                xml.start("AssumedRoleUser").element("AssumedRoleId", session.assumedRoleId())
                        .element("Arn", session.arn()).end();
                xml.element("PackedPolicySize", session.packedPolicySize())
                        .element("Provider", verified.provider().id())
                        .element("Audience", verified.audience())
                        .element("SourceIdentity", session.sourceIdentity());
            };
        } catch (KeygateException e) {
            LOG.infof("AssumeRoleWithWebIdentity refused (%s): %s [role %s]; POST the same parameters to "
                    + "/api/v1/federation/explain for every check", e.code(), e.getMessage(), roleArn);
            throw e;
        }
    }

    /** The verified token as the shared path's {@link FederatedIdentity}. */
    public static FederatedIdentity identity(VerifiedWebIdentity verified, Caller caller, String sessionName) {
        OidcProvider provider = verified.provider();
        WebIdentityClaims.AssertedTags tags = WebIdentityClaims.tags(verified);
        return new FederatedIdentity(IssuingAction.AssumeRoleWithWebIdentity, provider.arn(caller.partition()),
                verified.subject(), sessionName, WebIdentityClaims.conditionKeys(verified),
                WebIdentityClaims.sessionKeys(verified), tags.tags(), tags.transitiveTagKeys(),
                WebIdentityClaims.sourceIdentity(verified), null, null);
    }

    /** The 12-digit account of a role ARN; the provider must live there. Malformed ARNs give an empty account. */
    static String accountOf(String roleArn) {
        Matcher m = RoleSessions.ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(2) : "";
    }
}
