package io.keygate.sts;

import java.util.Objects;

import io.keygate.auth.Caller;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.VerifiedAssertion;

/**
 * The steps after the SAML pipeline, shared by its two entry points, AssumeRoleWithSAML and the console's
 * {@code POST /saml}: the assertion's Role attribute must offer the pair (role, provider) → the assertion is spent
 * for that role ({@link SamlResponseValidator#consume}: once per role, cluster-wide) → the one federated-principal
 * path ({@link FederatedSessions}: trust for the {@code Federated} principal, tags, source identity, duration,
 * minting). The API asks for {@code DurationSeconds}; the console asks for the {@code SessionDuration} attribute
 * ({@link FederatedSessions#assumeForConsole}). Nothing else differs.
 *
 * <p>Thread-safe.
 */
public final class SamlSessions {

    private final SamlResponseValidator validator;
    private final FederatedSessions sessions;

    public SamlSessions(SamlResponseValidator validator, FederatedSessions sessions) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * AssumeRoleWithSAML's last steps.
     *
     * @param requested the {@code DurationSeconds} parameter, or null
     * @throws io.keygate.error.KeygateException IDPRejectedClaim (pair not offered), InvalidIdentityToken (replay),
     *                                           AccessDenied (trust), or an input error, as the API answers
     */
    public FederatedSessions.FederatedSession assume(VerifiedAssertion verified, String roleArn, String principalArn,
                                                    Integer requested, SessionInputs.Inputs base, Caller unsigned) {
        spend(verified, roleArn, principalArn);
        return sessions.assume(AssumeRoleWithSaml.identity(verified), roleArn, requested, base, unsigned);
    }

    /** The console's last steps: as {@link #assume}, with the {@code SessionDuration} attribute as the length. */
    public FederatedSessions.FederatedSession assumeForConsole(VerifiedAssertion verified, String roleArn,
                                                              String principalArn, SessionInputs.Inputs base,
                                                              Caller unsigned) {
        spend(verified, roleArn, principalArn);
        return sessions.assumeForConsole(AssumeRoleWithSaml.identity(verified), roleArn, base, unsigned);
    }

    private void spend(VerifiedAssertion verified, String roleArn, String principalArn) {
        AssumeRoleWithSaml.offeredPair(verified, roleArn, principalArn);
        validator.consume(verified, roleArn);
    }
}
