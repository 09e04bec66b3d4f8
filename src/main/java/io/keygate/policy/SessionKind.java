package io.keygate.policy;

/**
 * What kind of credentials made the request, which decides how session policies apply (IAM User Guide, "Policy
 * evaluation logic", session policies).
 */
public enum SessionKind {
    /** Long-term credentials or the root user: no session policies. */
    NONE,
    /** GetSessionToken credentials: the user's own permissions, no session policies. */
    USER_SESSION,
    /** AssumeRole, AssumeRoleWithSAML or AssumeRoleWithWebIdentity: without a session policy, not restricted. */
    ROLE_SESSION,
    /** GetFederationToken: without a session policy, the session has no permissions. */
    FEDERATED_USER_SESSION;

    /** The usual kind for a principal type. */
    public static SessionKind of(PrincipalType type) {
        return switch (type) {
            case ASSUMED_ROLE -> ROLE_SESSION;
            case FEDERATED_USER -> FEDERATED_USER_SESSION;
            default -> NONE;
        };
    }
}
