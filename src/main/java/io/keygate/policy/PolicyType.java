package io.keygate.policy;

/**
 * The kinds of policy document Keygate accepts, with the AWS size quota of each (characters, whitespace not counted,
 * from the IAM User Guide "IAM and AWS STS quotas") and the rules on the {@code Principal} and {@code Resource}
 * elements (identity-side documents must not name a principal; trust and resource policies must).
 *
 * <p>The type decides how a document is validated, not where it is evaluated: the same managed policy can be
 * attached to a user, used as a permissions boundary or passed as a session policy, and {@link AuthorizationRequest}
 * says which layer each policy plays.
 */
public enum PolicyType {
    /** Inline policy of a user; the quota is the aggregate of the user's inline policies. */
    IDENTITY_INLINE_USER(2_048, false, true),
    /** Inline policy of a group (aggregate quota). */
    IDENTITY_INLINE_GROUP(5_120, false, true),
    /** Inline permissions policy of a role (aggregate quota). */
    IDENTITY_INLINE_ROLE(10_240, false, true),
    /** Customer managed policy version. */
    MANAGED(6_144, false, true),
    /** Role trust policy (default quota; AWS lets it be raised to 4,096). */
    TRUST(2_048, true, false),
    /** Inline session policy passed to AssumeRole*, GetFederationToken (plaintext quota). */
    SESSION(2_048, false, true),
    /** Resource-based policy held by a resource (bucket, key, ...); 20 KB as S3 bucket policies. */
    RESOURCE(20_480, true, true),
    /** Permissions boundary: a managed policy used as a boundary. */
    BOUNDARY(6_144, false, true);

    private final int maxSize;
    private final boolean principalRequired;
    private final boolean resourceRequired;

    PolicyType(int maxSize, boolean principalRequired, boolean resourceRequired) {
        this.maxSize = maxSize;
        this.principalRequired = principalRequired;
        this.resourceRequired = resourceRequired;
    }

    /** Maximum number of non-whitespace characters. */
    public int maxSize() {
        return maxSize;
    }

    /** Whether every statement must have {@code Principal} or {@code NotPrincipal} (otherwise both are refused). */
    public boolean principalRequired() {
        return principalRequired;
    }

    /**
     * Whether every statement must have {@code Resource} or {@code NotResource}; trust policies must have neither
     * (the role is the resource).
     */
    public boolean resourceRequired() {
        return resourceRequired;
    }
}
