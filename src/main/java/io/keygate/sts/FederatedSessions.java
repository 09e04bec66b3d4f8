package io.keygate.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.keygate.auth.AccessDecision;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.protocol.query.QueryParams;

/**
 * The one federated-principal decision (DESIGN decision 8): from a {@link FederatedIdentity} that a SAML or OIDC
 * pipeline verified to role credentials. AssumeRoleWithSAML, AssumeRoleWithWebIdentity and identity pools differ
 * only in how they verify the identity; everything from here on is shared with each other and, through
 * {@link RoleSessions} and {@link SessionInputs}, with AssumeRole:
 * <ol>
 * <li>the session name (AssumeRole's pattern, 2–64) and the source identity (2–64, no {@code aws:});</li>
 * <li>the asserted session tags and transitive keys through AssumeRole's tag rules, and the packed size of the
 *     session policies plus tags ({@link SessionInputs#withTags});</li>
 * <li>the role (unknown, another partition, or another account than the provider: AccessDenied, exactly like an
 *     untrusting role);</li>
 * <li>the duration: {@code DurationSeconds} (or one hour) within the role maximum, then shortened by the provider's
 *     {@code maxDurationSeconds} and {@code notOnOrAfter}; a session whose end has already passed is
 *     {@code ExpiredTokenException};</li>
 * <li>trust: the role's trust policy, evaluated for the provider as a {@code Federated} principal
 *     ({@link Caller#asWebIdentity}) with the request facts of the unsigned call and the provider's condition keys,
 *     must allow {@code sts:AssumeRoleWithSAML}/{@code sts:AssumeRoleWithWebIdentity}, plus {@code sts:TagSession}
 *     when tags come in and {@code sts:SetSourceIdentity} when a source identity does;</li>
 * <li>minting: an assumed-role session whose claims carry {@code aws:FederatedProvider} (the provider ARN), the
 *     subject, and the provider's session keys ({@code saml:sub}, {@code <prefix>:sub}, …), so later requests see
 *     them as condition keys and policy variables and targeted revocation by {@code {Provider, Subject}} finds the
 *     session.</li>
 * </ol>
 * {@link #evaluate} runs steps 1–5 without throwing for a refusal and without minting (the trust debugger);
 * {@link #assume} runs all six and throws the first refusal.
 *
 * <p>Thread-safe.
 */
public final class FederatedSessions {

    private final RoleRepository roles;
    private final CredentialMinter minter;
    private final SessionInputs inputs;
    private final CallerDecisions decisions;
    private final Clock clock;

    public FederatedSessions(RoleRepository roles, CredentialMinter minter, SessionInputs inputs,
                             CallerDecisions decisions, Clock clock) {
        this.roles = roles;
        this.minter = minter;
        this.inputs = inputs;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * The trust decision for one request, explained.
     *
     * @param role      the role, or null when the ARN names none the provider may use
     * @param inputs    the session inputs with the asserted tags
     * @param duration  the session length in seconds, or 0 when not computed (no role)
     * @param context   the condition keys the trust policy was evaluated with (request-specific part)
     * @param decisions one decision per trust action needed, in order; evaluation stops at the first refusal
     * @param refusal   the refusal {@link #assume} would throw, or null when every decision allows
     */
    public record TrustEvaluation(Role role, SessionInputs.Inputs inputs, int duration,
                                  Map<String, List<String>> context, List<ActionDecision> decisions,
                                  RuntimeException refusal) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    /** One trust action and the engine's decision on it. */
    public record ActionDecision(String action, AccessDecision decision) {
    }

    /**
     * The minted session and what the STS answer reports about it.
     *
     * @param credentials      the temporary credentials
     * @param assumedRoleId    {@code <role id>:<session name>}
     * @param arn              the assumed-role session ARN
     * @param packedPolicySize the percentage of the packing budget used
     * @param sourceIdentity   the session's source identity, or null
     */
    public record FederatedSession(SessionCredentials credentials, String assumedRoleId, String arn,
                                   int packedPolicySize, String sourceIdentity) {
    }

    /**
     * Steps 1–5 of the class comment, without minting and without throwing for a refused trust decision. Input
     * errors (a malformed session name, tag or source identity, a packed size over budget, an over-long duration)
     * still throw, as they would for {@link #assume}.
     *
     * @param identity  the verified identity
     * @param roleArn   the {@code RoleArn} parameter
     * @param requested the {@code DurationSeconds} parameter, or null
     * @param base      the request's session policies ({@link SessionInputs#read}, no tags)
     * @param unsigned  the unsigned request's caller ({@link Caller#unsigned}): partition, region and facts
     */
    public TrustEvaluation evaluate(FederatedIdentity identity, String roleArn, Integer requested,
                                    SessionInputs.Inputs base, Caller unsigned) {
        String sessionName = identity.roleSessionName();
        if (sessionName.length() < 2 || sessionName.length() > 64
                || !RoleSessions.SESSION_NAME.matcher(sessionName).matches()) {
            throw QueryParams.constraint("roleSessionName", sessionName,
                    "Member must have length between 2 and 64 and satisfy regular expression pattern: "
                            + RoleSessions.SESSION_NAME.pattern());
        }
        String sourceIdentity = RoleSessions.sourceIdentity(identity.sourceIdentity(), "SourceIdentity");
        SessionInputs.Inputs session = inputs.withTags(base, identity.tags(), identity.transitiveTagKeys());
        Map<String, List<String>> context = RoleSessions.trustContext(sessionName, sourceIdentity, session.tags(),
                session.transitiveTagKeys(), identity.conditionKeys());

        AccessDeniedException notAuthorized = notAuthorized(identity);
        Optional<Role> found;
        try {
            found = Optional.of(RoleSessions.role(roles, roleArn, unsigned, () -> notAuthorized))
                    .filter(r -> r.accountId().equals(identity.accountId()));
        } catch (AccessDeniedException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            return new TrustEvaluation(null, session, 0, context, List.of(), notAuthorized);
        }
        Role role = found.get();
        int duration = duration(identity, requested, role);
        Caller federated = unsigned.asWebIdentity(identity.providerArn(), identity.subject());
        Authorizer.ResourcePolicy trust = RoleSessions.trustPolicy(role, unsigned);
        String resolvedArn = role.arn(unsigned.partition());
        boolean setsTags = !session.tags().isEmpty() || !session.transitiveTagKeys().isEmpty();
        List<ActionDecision> decided = new ArrayList<>();
        for (String action : RoleSessions.trustActions(identity.trustAction(), setsTags, sourceIdentity != null)) {
            AccessDecision decision = decisions.decide(federated, action, resolvedArn, context, trust);
            decided.add(new ActionDecision(action, decision));
            if (!decision.allowed()) {
                return new TrustEvaluation(role, session, duration, context, decided, notAuthorized);
            }
        }
        return new TrustEvaluation(role, session, duration, context, decided, null);
    }

    /**
     * All six steps: the credentials, or the first refusal.
     *
     * @throws AccessDeniedException       when the role is unknown or its trust policy refuses
     * @throws FederationRejectedException ExpiredTokenException when the provider's session end has passed
     * @throws io.keygate.error.InvalidInputException for malformed session inputs, as AssumeRole
     */
    public FederatedSession assume(FederatedIdentity identity, String roleArn, Integer requested,
                                   SessionInputs.Inputs base, Caller unsigned) {
        return assume(identity, roleArn, requested, base, unsigned, () -> { });
    }

    /**
     * As {@link #assume(FederatedIdentity, String, Integer, SessionInputs.Inputs, Caller)}, running
     * {@code beforeMint} once every decision allowed and before minting: where AssumeRoleWithSAML consumes the
     * assertion, so that a refused trust decision does not burn it. {@code beforeMint} may throw to refuse.
     */
    public FederatedSession assume(FederatedIdentity identity, String roleArn, Integer requested,
                                   SessionInputs.Inputs base, Caller unsigned, Runnable beforeMint) {
        TrustEvaluation trust = evaluate(identity, roleArn, requested, base, unsigned);
        if (!trust.allowed()) {
            throw trust.refusal();
        }
        beforeMint.run();
        Role role = trust.role();
        SessionInputs.Inputs session = trust.inputs();
        String sessionName = identity.roleSessionName();
        String sessionArn = RoleSessions.sessionArn(unsigned, role, sessionName);
        String assumedRoleId = RoleSessions.assumedRoleId(role, sessionName);
        SessionClaims.Builder claims = SessionClaims.builder()
                .principalType(PrincipalType.ASSUMED_ROLE)
                .principalArn(sessionArn)
                .userId(assumedRoleId)
                .accountId(role.accountId())
                .partition(unsigned.partition().id())
                .source(role.arn(unsigned.partition()), role.roleId())
                .roleSessionName(sessionName)
                .sourceIdentity(identity.sourceIdentity())
                .sessionTags(session.tags())
                .transitiveTagKeys(session.transitiveTagKeys())
                .sessionPolicy(session.policy())
                .sessionPolicyArns(session.policyArns())
                .mfaPresent(false)
                .federated(identity.providerArn(), identity.subject())
                .federatedClaims(identity.sessionKeys())
                .issuingAction(identity.action());
        SessionCredentials credentials = minter.mint(claims, Duration.ofSeconds(trust.duration()), role.accountId());
        return new FederatedSession(credentials, assumedRoleId, sessionArn, session.packedPolicySize(),
                identity.sourceIdentity());
    }

    /**
     * {@link #assume} for a console sign-in ({@code POST /saml}), which has no {@code DurationSeconds}: the provider's
     * {@code maxDurationSeconds} (the SAML {@code SessionDuration} attribute) is the length asked for, within the
     * role's {@code MaxSessionDuration} (AWS: "the maximum amount of time that the user can access the console");
     * without it, one hour as for the API. Everything else is {@link #assume}'s path, refusals included, with
     * {@code beforeMint} run once every decision allowed.
     */
    public FederatedSession assumeForConsole(FederatedIdentity identity, String roleArn, SessionInputs.Inputs base,
                                             Caller unsigned, Runnable beforeMint) {
        Integer requested = null;
        if (identity.maxDurationSeconds() != null) {
            try {
                Role role = RoleSessions.role(roles, roleArn, unsigned, () -> notAuthorized(identity));
                requested = Math.min(identity.maxDurationSeconds(), role.maxSessionDuration());
            } catch (io.keygate.error.KeygateException e) {
                // no such role: assume() refuses it exactly as the API does
            }
        }
        return assume(identity, roleArn, requested, base, unsigned, beforeMint);
    }

    /** The role's rule for {@code DurationSeconds}, then the provider's caps, which only shorten. */
    private int duration(FederatedIdentity identity, Integer requested, Role role) {
        int duration = RoleSessions.duration(requested, role, false);
        if (identity.maxDurationSeconds() != null) {
            duration = Math.min(duration, identity.maxDurationSeconds());
        }
        if (identity.notOnOrAfter() != null) {
            long left = Duration.between(clock.instant(), identity.notOnOrAfter()).toSeconds();
            if (left <= 0) {
                throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException,
                        "The session end the identity provider set (SessionNotOnOrAfter) has passed.");
            }
            duration = (int) Math.min(duration, left);
        }
        return duration;
    }

    private static AccessDeniedException notAuthorized(FederatedIdentity identity) {
        return new AccessDeniedException(AwsErrorCode.AccessDenied, "Not authorized to perform "
                + identity.trustAction());
    }

    /** When the credentials end, for callers that report it before minting (the trust debugger). */
    public Instant wouldExpire(TrustEvaluation trust) {
        return clock.instant().plusSeconds(trust.duration());
    }
}
