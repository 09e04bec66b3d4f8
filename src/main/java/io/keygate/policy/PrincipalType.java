package io.keygate.policy;

/** The kind of caller, with the value AWS puts in {@code aws:PrincipalType}. */
public enum PrincipalType {
    /** The account root user. */
    ACCOUNT("Account"),
    /** An IAM user with long-term or GetSessionToken credentials. */
    USER("User"),
    /** A role session from AssumeRole, AssumeRoleWithSAML or AssumeRoleWithWebIdentity. */
    ASSUMED_ROLE("AssumedRole"),
    /** A GetFederationToken session. */
    FEDERATED_USER("FederatedUser"),
    /** An unauthenticated caller. */
    ANONYMOUS("Anonymous"),
    /** An AWS service principal such as {@code ec2.amazonaws.com} (trust policies only). */
    SERVICE("AWSService"),
    /** A SAML or OIDC identity presented to AssumeRoleWithSAML/WithWebIdentity (trust policies only). */
    WEB_IDENTITY("WebIdentityUser");

    private final String wireName;

    PrincipalType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code aws:PrincipalType}. */
    public String wireName() {
        return wireName;
    }
}
