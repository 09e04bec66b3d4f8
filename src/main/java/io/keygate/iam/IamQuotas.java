package io.keygate.iam;

/**
 * The account-wide IAM quotas, AWS's defaults unless configured (IAM User Guide, "IAM and AWS STS quotas").
 * Exceeding one is {@code LimitExceeded}.
 */
public record IamQuotas(int users, int groups, int roles, int policies, int instanceProfiles, int groupsPerUser,
                        int attachedPoliciesPerUser, int attachedPoliciesPerGroup, int attachedPoliciesPerRole,
                        int accessKeysPerUser, int versionsPerPolicy, int rolesPerInstanceProfile, int tagsPerEntity,
                        int userPolicySize, int groupPolicySize, int rolePolicySize, int assumeRolePolicySize,
                        int policySize) {

    /** AWS's default quotas. */
    public static IamQuotas defaults() {
        return new IamQuotas(5000, 300, 1000, 1500, 1000, 10, 10, 10, 10, 2, 5, 1, 50, 2048, 5120, 10240, 2048,
                6144);
    }
}
