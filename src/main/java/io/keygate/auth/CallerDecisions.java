package io.keygate.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.KeygateException;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.AuthorizationRequest;
import io.keygate.policy.Decision;
import io.keygate.policy.EvalDecision;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.policy.PolicyLayer;
import io.keygate.policy.PolicyType;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;
import io.keygate.policy.SessionKind;

/**
 * Decides what an authenticated {@link Caller} may do, top to bottom: AWS's caller restrictions (GetFederationToken
 * credentials never call IAM; GetSessionToken credentials call IAM only with MFA) → the principal → its policies,
 * read from the store now (so a change applies at once) → the request context from the verified credentials and the
 * exchange's {@link RequestFacts} → session policies carried by the token → {@link PolicyEvaluator}. Returns the
 * decision rather than throwing, so that Keygate's own calls ({@link PolicyAuthorizer}) and resource servers (the
 * decision API) share one path. Compiled policies come from {@link CompiledPolicies}.
 *
 * <p>Thread-safe.
 */
public final class CallerDecisions {

    /** What the root user may do: everything in its account (AWS does not evaluate policies for it). */
    private static final StoredPolicy ROOT_PERMISSIONS = new StoredPolicy("root", StoredPolicy.Kind.MANAGED,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator;
    private final CompiledPolicies compiled;
    private final Clock clock;

    public CallerDecisions(PrincipalPolicies policies, PolicyEvaluator evaluator, CompiledPolicies compiled,
                           Clock clock) {
        this.policies = policies;
        this.evaluator = evaluator;
        this.compiled = compiled;
        this.clock = clock;
    }

    /**
     * Decides one request. Never throws for a denial.
     *
     * @param caller         the authenticated principal
     * @param action         {@code service:Action}
     * @param resource       the resource ARN or {@code *}
     * @param extraContext   request-specific keys, set last (they replace keys of the same name)
     * @param resourcePolicy the resource-based or trust policy taking part, or null
     */
    public AccessDecision decide(Caller caller, String action, String resource,
                                 Map<String, List<String>> extraContext, Authorizer.ResourcePolicy resourcePolicy) {
        return decide(caller, action, resource, extraContext, resourcePolicy, null);
    }

    /**
     * As {@link #decide(Caller, String, String, Map, Authorizer.ResourcePolicy)}, for a resource whose owner is
     * known apart from any resource policy (the decision API reads it from the resource ARN). A caller of another
     * account is then allowed only where the resource policy allows it and its own identity policies do (AWS:
     * "Cross-account policy evaluation logic"); the root user owns its own account's resources only.
     *
     * @param resourceAccount the account that owns the resource, or null for the resource policy's account, else
     *                        the caller's own
     */
    public AccessDecision decide(Caller caller, String action, String resource, Map<String, List<String>> extraContext,
                                 Authorizer.ResourcePolicy resourcePolicy, String resourceAccount) {
        String owner = resourceAccount != null ? resourceAccount
                : resourcePolicy != null ? resourcePolicy.accountId() : caller.accountId();
        SessionClaims session = caller.session();
        Principal principal = principal(caller, session);
        RequestContext.Builder context = RequestContext.builder()
                .principal(principal)
                .currentTime(clock.instant());
        if (caller.region() != null) {
            // Absent for callers that did not sign a request (the declarative bootstrap acting as root).
            context.requestedRegion(caller.region());
        }
        facts(context, caller.facts());
        String restricted = callerRestriction(session, action);
        if (restricted != null) {
            return refused(caller, principal, context.build(), action, resource, restricted);
        }
        if (caller.isRoot() && resourcePolicy == null && owner.equals(caller.accountId())) {
            extraContext.forEach(context::put);
            return new AccessDecision(new Decision(EvalDecision.ALLOW, List.of(), Optional.empty(),
                    principal.arn(), action, resource, Map.of(), Set.of()), principal, context.build(), null);
        }
        AuthorizationRequest.Builder request = AuthorizationRequest.builder()
                .principal(principal)
                .action(action)
                .resource(resource)
                .resourceAccount(owner);
        if (session != null) {
            context.tokenIssueTime(session.issuedAt());
            context.multiFactorAuth(session.mfaPresent(), session.mfaAuthenticatedAt() == null ? 0
                    : Math.max(0, Duration.between(session.mfaAuthenticatedAt(), clock.instant()).toSeconds()));
            if (session.sourceIdentity() != null) {
                context.sourceIdentity(session.sourceIdentity());
            }
            // saml:sub, saml:namequalifier, <oidc>:sub, …: condition keys and policy variables for the whole session.
            session.federatedClaims().forEach(context::put);
        }
        try {
            applicable(caller, session).ifPresent(a -> {
                a.tags().forEach(context::principalTag);
                request.identityPolicies(a.identity().stream().map(compiled::compile).toList());
                a.boundary().ifPresent(b -> request.permissionsBoundary(compiled.compile(b)));
            });
            if (session != null) {
                session.sessionTags().forEach(context::principalTag);
                sessionPolicies(session).ifPresent(request::sessionPolicies);
                request.sessionKind(sessionKind(session));
            }
            if (resourcePolicy != null) {
                request.resourcePolicy(compiled.compile(resourcePolicy.policy(), resourcePolicy.type()));
            }
        } catch (KeygateException e) {
            // A stored document the engine no longer accepts could hide a Deny: fail closed.
            return refused(caller, principal, context.build(), action, resource,
                    "because a policy that applies could not be evaluated");
        }
        extraContext.forEach(context::put);
        RequestContext built = context.build();
        Decision decision = evaluator.evaluate(request.context(built).build());
        return new AccessDecision(decision, principal, built, decision.allowed() ? null
                : decision.accessDeniedMessage().orElseGet(() -> head(caller.arn(), action, resource)));
    }

    private static void facts(RequestContext.Builder context, RequestFacts facts) {
        if (facts.sourceIp() != null) {
            context.sourceIp(facts.sourceIp());
        }
        if (facts.secureTransport() != null) {
            context.secureTransport(facts.secureTransport());
        }
        if (facts.userAgent() != null) {
            context.userAgent(facts.userAgent());
        }
    }

    /**
     * AWS's restrictions on what temporary credentials from GetFederationToken/GetSessionToken may call. Console
     * sessions of IAM users ({@link IssuingAction#ConsoleLogin}) have none: they act as the user's policies allow.
     */
    private static String callerRestriction(SessionClaims session, String action) {
        if (session == null) {
            return null;
        }
        if (action.regionMatches(true, 0, "sts:", 0, 4)) {
            // GetCallerIdentity never comes here: it is always allowed. AssumeRole brings TagSession and
            // SetSourceIdentity with it.
            boolean assumeFamily = action.equalsIgnoreCase("sts:AssumeRole") || action.equalsIgnoreCase("sts:TagSession")
                    || action.equalsIgnoreCase("sts:SetSourceIdentity");
            if (session.issuingAction() == IssuingAction.GetFederationToken
                    || session.issuingAction() == IssuingAction.GetSessionToken && !assumeFamily) {
                return "because credentials from " + session.issuingAction() + " cannot call " + action;
            }
            return null;
        }
        if (!action.regionMatches(true, 0, "iam:", 0, 4)) {
            return null;
        }
        if (session.issuingAction() == IssuingAction.GetFederationToken) {
            return "because no identity-based policy allows the " + action
                    + " action: credentials from GetFederationToken cannot call the IAM API";
        }
        if (session.issuingAction() == IssuingAction.GetSessionToken && !session.mfaPresent()) {
            return "because no identity-based policy allows the " + action
                    + " action: credentials from GetSessionToken can call the IAM API only when MFA was used";
        }
        return null;
    }

    private static AccessDecision refused(Caller caller, Principal principal, RequestContext context, String action,
                                          String resource, String why) {
        Decision decision = new Decision(EvalDecision.IMPLICIT_DENY, List.of(), Optional.of(PolicyLayer.IDENTITY),
                principal.arn(), action, resource, Map.of(), Set.of());
        return new AccessDecision(decision, principal, context, head(caller.arn(), action, resource) + " " + why);
    }

    static String head(String arn, String action, String resource) {
        return "User: " + arn + " is not authorized to perform: " + action + " on resource: " + resource;
    }

    private static Principal principal(Caller caller, SessionClaims session) {
        return switch (caller.type()) {
            case Account -> Principal.root(caller.partition().id(), caller.accountId());
            case User -> Principal.user(caller.arn(), caller.userId());
            case AssumedRole -> {
                Principal p = Principal.assumedRole(session.sourceArn(), session.sourceUniqueId(),
                        session.roleSessionName() == null ? lastSegment(caller.arn()) : session.roleSessionName());
                yield session.federatedProvider() == null ? p : p.withFederatedProvider(session.federatedProvider());
            }
            case FederatedUser -> Principal.federatedUser(session.sourceArn(), lastSegment(caller.arn()));
            case Anonymous -> Principal.anonymous();
            case WebIdentity -> Principal.webIdentity(caller.arn(), caller.userId());
        };
    }

    /** The policies of the user or role the credentials derive from, if it still exists with the same unique id. */
    private Optional<PrincipalPolicies.Applicable> applicable(Caller caller, SessionClaims session) {
        if (caller.type() == Caller.PrincipalType.Anonymous || caller.type() == Caller.PrincipalType.WebIdentity) {
            return Optional.empty(); // no identity policies: only resource and trust policies can allow them
        }
        String sourceArn = session == null ? caller.arn() : session.sourceArn();
        String uniqueId = session == null ? caller.userId() : session.sourceUniqueId();
        String resourcePart = sourceArn.substring(sourceArn.indexOf(':', sourceArn.indexOf("::") + 2) + 1);
        Optional<PrincipalPolicies.Applicable> found;
        if (resourcePart.equals("root") && session != null) {
            // A federated user minted by the root: the root's permissions (everything) ∩ the session policies.
            return Optional.of(new PrincipalPolicies.Applicable(sourceArn, uniqueId, List.of(ROOT_PERMISSIONS),
                    Optional.empty(), Map.of()));
        }
        if (resourcePart.startsWith("user/")) {
            found = policies.forUser(caller.accountId(), lastSegment(resourcePart));
        } else if (resourcePart.startsWith("role/")) {
            found = policies.forRole(caller.accountId(), lastSegment(resourcePart));
        } else {
            found = Optional.empty();
        }
        return found.filter(a -> a.uniqueId().equals(uniqueId));
    }

    private Optional<List<Policy>> sessionPolicies(SessionClaims session) {
        if (session.sessionPolicy() == null && session.sessionPolicyArns().isEmpty()) {
            return Optional.empty();
        }
        List<Policy> out = new ArrayList<>();
        if (session.sessionPolicy() != null) {
            out.add(compiled.compile(new StoredPolicy("session/inline", StoredPolicy.Kind.MANAGED,
                    session.sessionPolicy()), PolicyType.SESSION));
        }
        for (String arn : session.sessionPolicyArns()) {
            policies.managedPolicy(arn).ifPresent(p -> out.add(compiled.compile(p)));
        }
        return Optional.of(out);
    }

    private static SessionKind sessionKind(SessionClaims session) {
        return switch (session.principalType()) {
            case SESSION_USER, SESSION_ROOT -> SessionKind.USER_SESSION;
            case ASSUMED_ROLE -> SessionKind.ROLE_SESSION;
            case FEDERATED_USER -> SessionKind.FEDERATED_USER_SESSION;
        };
    }

    private static String lastSegment(String arnOrPath) {
        return arnOrPath.substring(arnOrPath.lastIndexOf('/') + 1);
    }
}
