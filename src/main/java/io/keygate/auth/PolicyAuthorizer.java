package io.keygate.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.AuthorizationRequest;
import io.keygate.policy.Decision;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.policy.PolicyType;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;
import io.keygate.policy.SessionKind;

/**
 * The {@link Authorizer} over the policy engine, top to bottom: AWS's caller restrictions (GetFederationToken
 * credentials never call IAM; GetSessionToken credentials call IAM only with MFA) → the root is allowed → the
 * principal's policies, read from the store now (so a change applies at once) → the request context from the
 * verified credentials → session policies carried by the token → {@link PolicyEvaluator} → AccessDenied in AWS's
 * words unless allowed. Compiled policies are cached by (id, document hash).
 *
 * <p>Thread-safe.
 */
public final class PolicyAuthorizer implements Authorizer {

    private static final int CACHE_LIMIT = 20_000;

    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator;
    private final Clock clock;
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();

    public PolicyAuthorizer(PrincipalPolicies policies, PolicyEvaluator evaluator, Clock clock) {
        this.policies = policies;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext) {
        authorize(caller, action, resource, extraContext, null);
    }

    @Override
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext,
                          ResourcePolicy resourcePolicy) {
        SessionClaims session = caller.session();
        checkCallerRestrictions(caller, session, action, resource);
        if (caller.isRoot() && resourcePolicy == null) {
            return;
        }
        Principal principal = principal(caller, session);
        Optional<PrincipalPolicies.Applicable> applicable = applicable(caller, session);
        RequestContext.Builder context = RequestContext.builder()
                .principal(principal)
                .currentTime(clock.instant())
                .requestedRegion(caller.region());
        AuthorizationRequest.Builder request = AuthorizationRequest.builder()
                .principal(principal)
                .action(action)
                .resource(resource);
        if (session != null) {
            context.tokenIssueTime(session.issuedAt());
            context.multiFactorAuth(session.mfaPresent(), session.mfaAuthenticatedAt() == null ? 0
                    : Math.max(0, Duration.between(session.mfaAuthenticatedAt(), clock.instant()).toSeconds()));
            if (session.sourceIdentity() != null) {
                context.sourceIdentity(session.sourceIdentity());
            }
        }
        try {
            applicable.ifPresent(a -> {
                a.tags().forEach(context::principalTag);
                request.identityPolicies(a.identity().stream().map(this::compile).toList());
                a.boundary().ifPresent(b -> request.permissionsBoundary(compile(b)));
            });
            if (session != null) {
                session.sessionTags().forEach(context::principalTag);
                sessionPolicies(session).ifPresent(request::sessionPolicies);
                request.sessionKind(sessionKind(session));
            }
        } catch (KeygateException e) {
            // A stored document the engine no longer accepts could hide a Deny: fail closed.
            throw denied(caller, action, resource, "because a policy that applies could not be evaluated");
        }
        if (resourcePolicy != null) {
            try {
                request.resourcePolicy(compile(resourcePolicy.policy())).resourceAccount(resourcePolicy.accountId());
            } catch (KeygateException e) {
                throw denied(caller, action, resource, "because a policy that applies could not be evaluated");
            }
        }
        extraContext.forEach(context::put);
        Decision decision = evaluator.evaluate(request.context(context.build()).build());
        if (!decision.allowed()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, decision.accessDeniedMessage()
                    .orElseGet(() -> head(caller, action, resource)));
        }
    }

    /** AWS's restrictions on what temporary credentials from GetFederationToken/GetSessionToken may call. */
    private static void checkCallerRestrictions(Caller caller, SessionClaims session, String action,
                                                String resource) {
        if (session == null) {
            return;
        }
        if (action.regionMatches(true, 0, "sts:", 0, 4)) {
            boolean assumeFamily = action.equalsIgnoreCase("sts:AssumeRole") || action.equalsIgnoreCase("sts:TagSession")
                    || action.equalsIgnoreCase("sts:SetSourceIdentity");
            if (session.issuingAction() == IssuingAction.GetFederationToken
                    || session.issuingAction() == IssuingAction.GetSessionToken && !assumeFamily) {
                throw denied(caller, action, resource, "because credentials from "
                        + session.issuingAction() + " cannot call " + action);
            }
            return;
        }
        if (!action.regionMatches(true, 0, "iam:", 0, 4)) {
            return;
        }
        if (session.issuingAction() == IssuingAction.GetFederationToken) {
            throw denied(caller, action, resource, "because no identity-based policy allows the " + action
                    + " action: credentials from GetFederationToken cannot call the IAM API");
        }
        if (session.issuingAction() == IssuingAction.GetSessionToken && !session.mfaPresent()) {
            throw denied(caller, action, resource, "because no identity-based policy allows the " + action
                    + " action: credentials from GetSessionToken can call the IAM API only when MFA was used");
        }
    }

    private static AccessDeniedException denied(Caller caller, String action, String resource, String why) {
        return new AccessDeniedException(AwsErrorCode.AccessDenied, head(caller, action, resource) + " " + why);
    }

    private static String head(Caller caller, String action, String resource) {
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource;
    }

    private static Principal principal(Caller caller, SessionClaims session) {
        return switch (caller.type()) {
            case Account -> Principal.root(caller.accountId());
            case User -> Principal.user(caller.arn(), caller.userId());
            case AssumedRole -> {
                Principal p = Principal.assumedRole(session.sourceArn(), session.sourceUniqueId(),
                        session.roleSessionName() == null ? lastSegment(caller.arn()) : session.roleSessionName());
                yield session.federatedProvider() == null ? p : p.withFederatedProvider(session.federatedProvider());
            }
            case FederatedUser -> Principal.federatedUser(session.sourceArn(), lastSegment(caller.arn()));
        };
    }

    /** The policies of the user or role the credentials derive from, if it still exists with the same unique id. */
    private Optional<PrincipalPolicies.Applicable> applicable(Caller caller, SessionClaims session) {
        String sourceArn = session == null ? caller.arn() : session.sourceArn();
        String uniqueId = session == null ? caller.userId() : session.sourceUniqueId();
        String resourcePart = sourceArn.substring(sourceArn.indexOf(':', sourceArn.indexOf("::") + 2) + 1);
        Optional<PrincipalPolicies.Applicable> found;
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
            out.add(compile(new StoredPolicy("session/inline", StoredPolicy.Kind.MANAGED, session.sessionPolicy()),
                    PolicyType.SESSION));
        }
        for (String arn : session.sessionPolicyArns()) {
            policies.managedPolicy(arn).ifPresent(p -> out.add(compile(p)));
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

    private Policy compile(StoredPolicy stored) {
        return compile(stored, switch (stored.kind()) {
            case USER_INLINE -> PolicyType.IDENTITY_INLINE_USER;
            case GROUP_INLINE -> PolicyType.IDENTITY_INLINE_GROUP;
            case ROLE_INLINE -> PolicyType.IDENTITY_INLINE_ROLE;
            case MANAGED -> PolicyType.MANAGED;
            case TRUST -> PolicyType.TRUST;
            case BOUNDARY -> PolicyType.BOUNDARY;
        });
    }

    private Policy compile(StoredPolicy stored, PolicyType type) {
        String key = type + "|" + stored.id() + "|" + sha256(stored.document());
        Policy policy = compiled.get(key);
        if (policy == null) {
            policy = Policies.parse(stored.id(), stored.document(), type);
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(key, policy);
        }
        return policy;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastSegment(String arnOrPath) {
        return arnOrPath.substring(arnOrPath.lastIndexOf('/') + 1);
    }

    /** For tests and diagnostics: the number of compiled policies held. */
    int cachedPolicies() {
        return compiled.size();
    }
}
