package io.keygate.sts;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.keygate.auth.Caller;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.VerifiedAssertion;

/**
 * The steps after the SAML pipeline, shared by its two entry points, AssumeRoleWithSAML and the console's
 * {@code POST /saml}: the assertion's Role attribute must offer the pair (role, provider) → not already used for
 * that role ({@link SamlResponseValidator#refuseReplay}) → the one federated-principal path
 * ({@link FederatedSessions}: trust for the {@code Federated} principal, tags, source identity, duration) → once
 * every decision allowed, the assertion is spent for that role ({@link SamlResponseValidator#consume}: atomic,
 * once per role, cluster-wide; a refused call burns nothing) → minting. The API asks for {@code DurationSeconds};
 * the console asks for the {@code SessionDuration} attribute ({@link FederatedSessions#assumeForConsole}). Nothing
 * else differs.
 *
 * <p>Thread-safe.
 */
public final class SamlSessions {

    /** The step names reported to the caller's observer, for its refusal log line. */
    public static final String ROLE_PAIR = "RolePair";
    public static final String REPLAY = "Replay";
    public static final String TRUST = "Trust";

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
     * @param step      told the name of each step as it starts ({@link #ROLE_PAIR}, {@link #REPLAY}, {@link #TRUST})
     * @throws io.keygate.error.KeygateException IDPRejectedClaim (pair not offered), InvalidIdentityToken (replay),
     *                                           AccessDenied (trust), or an input error, as the API answers
     */
    public FederatedSessions.FederatedSession assume(VerifiedAssertion verified, String roleArn, String principalArn,
                                                    Integer requested, SessionInputs.Inputs base, Caller unsigned,
                                                    Consumer<String> step) {
        return run(verified, roleArn, principalArn, step, (identity, spend) ->
                sessions.assume(identity, roleArn, requested, base, unsigned, spend));
    }

    /** The console's last steps: as {@link #assume}, with the {@code SessionDuration} attribute as the length. */
    public FederatedSessions.FederatedSession assumeForConsole(VerifiedAssertion verified, String roleArn,
                                                              String principalArn, SessionInputs.Inputs base,
                                                              Caller unsigned, Consumer<String> step) {
        return run(verified, roleArn, principalArn, step, (identity, spend) ->
                sessions.assumeForConsole(identity, roleArn, base, unsigned, spend));
    }

    private FederatedSessions.FederatedSession run(VerifiedAssertion verified, String roleArn, String principalArn,
            Consumer<String> step,
            BiFunction<FederatedIdentity, Runnable, FederatedSessions.FederatedSession> assume) {
        step.accept(ROLE_PAIR);
        AssumeRoleWithSaml.offeredPair(verified, roleArn, principalArn);
        step.accept(REPLAY);
        validator.refuseReplay(verified, roleArn);
        step.accept(TRUST);
        // Consumed only once the trust decision allows, so a refused call does not burn the assertion; consume() is
        // the atomic guard against two concurrent uses.
        return assume.apply(AssumeRoleWithSaml.identity(verified), () -> {
            step.accept(REPLAY);
            validator.consume(verified, roleArn);
        });
    }
}
