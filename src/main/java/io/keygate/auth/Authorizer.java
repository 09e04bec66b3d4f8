package io.keygate.auth;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a caller may perform an action on a resource, through the policy engine, and refuses with an
 * {@link io.keygate.error.AccessDeniedException} worded as AWS words it. Every signed action asks it before doing
 * any work (GetCallerIdentity and GetSessionToken excepted, as in AWS).
 */
public interface Authorizer {

    /**
     * @param caller       the authenticated principal
     * @param action       the IAM action name, {@code service:Action} ({@code iam:CreateUser})
     * @param resource     the resource ARN, or {@code *}
     * @param extraContext request-specific condition keys (e.g. {@code aws:RequestTag/k}, {@code iam:PassedToService})
     * @throws io.keygate.error.AccessDeniedException when the decision is not Allow
     */
    void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext);

    /**
     * The decision {@link #authorize(Caller, String, String, Map)} acts on, without refusing: for the few places
     * where IAM itself grants on top of the policies (the password policy's {@code AllowUsersToChangePassword}).
     *
     * @return never null; {@link AccessDecision#message()} is the AccessDenied text unless allowed
     */
    AccessDecision decide(Caller caller, String action, String resource, Map<String, List<String>> extraContext);

    /**
     * As {@link #authorize(Caller, String, String, Map)}, with a resource-based policy that takes part in the
     * decision: a role's trust policy for {@code sts:AssumeRole}, {@code sts:TagSession} and
     * {@code sts:SetSourceIdentity}; the policy of a resource a service behind Keygate guards.
     */
    void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext,
                   ResourcePolicy resourcePolicy);

    /**
     * A resource-based policy and the account that owns the resource.
     *
     * @param policy    the stored document ({@link io.keygate.iam.StoredPolicy.Kind#TRUST} for a trust policy)
     * @param accountId the resource owner's account (decides same- or cross-account evaluation)
     * @param type      the grammar the document is validated against: {@link io.keygate.policy.PolicyType#TRUST} for
     *                  a trust policy, {@link io.keygate.policy.PolicyType#RESOURCE} for a resource server's policy
     */
    record ResourcePolicy(io.keygate.iam.StoredPolicy policy, String accountId, io.keygate.policy.PolicyType type) {

        /** A stored policy validated as its kind ({@link CompiledPolicies#typeOf}). */
        public ResourcePolicy(io.keygate.iam.StoredPolicy policy, String accountId) {
            this(policy, accountId, CompiledPolicies.typeOf(policy.kind()));
        }
    }

    default void authorize(Caller caller, String action, String resource) {
        authorize(caller, action, resource, Map.of());
    }
}
