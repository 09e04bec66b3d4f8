package io.keygate.policy;

import java.util.Objects;

/**
 * Who makes a request, as far as policy evaluation needs to know: matched against {@code Principal} and
 * {@code NotPrincipal}, used for the principal context keys and named in AccessDenied messages.
 *
 * @param type              the kind of caller
 * @param arn               the caller's ARN as AWS shows it (the session ARN for role and federated-user sessions)
 * @param account           the 12-digit account, {@code null} for anonymous and service callers
 * @param userId            the value of {@code aws:userid}
 * @param username          the IAM user name; {@code null} unless {@code type} is {@link PrincipalType#USER}
 * @param sourceArn         for sessions, the identity they derive from: the role ARN of an assumed-role session, the
 *                          IAM user ARN behind a federated user; {@code null} otherwise
 * @param federatedProvider the identity provider of a web-identity/SAML session ({@code aws:FederatedProvider}), or
 *                          {@code null}
 */
public record Principal(PrincipalType type, String arn, String account, String userId, String username,
        String sourceArn, String federatedProvider) {

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
    }

    /** The root user of {@code account} in the {@code aws} partition. */
    public static Principal root(String account) {
        return root("aws", account);
    }

    /** The root user of {@code account} in {@code partition} ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public static Principal root(String partition, String account) {
        return new Principal(PrincipalType.ACCOUNT, "arn:" + partition + ":iam::" + account + ":root", account,
                account, null, null, null);
    }

    /** An IAM user, e.g. {@code user("arn:aws:iam::111122223333:user/dev/alice", "AIDA...")}. */
    public static Principal user(String userArn, String userId) {
        String[] p = arnParts(userArn);
        String name = p[5].substring(p[5].lastIndexOf('/') + 1);
        return new Principal(PrincipalType.USER, userArn, p[4], userId, name, null, null);
    }

    /** A session of {@code roleArn}; the session ARN drops the role path, as AWS does. */
    public static Principal assumedRole(String roleArn, String roleId, String sessionName) {
        String[] p = arnParts(roleArn);
        String roleName = p[5].substring(p[5].lastIndexOf('/') + 1);
        String arn = "arn:" + p[1] + ":sts::" + p[4] + ":assumed-role/" + roleName + "/" + sessionName;
        return new Principal(PrincipalType.ASSUMED_ROLE, arn, p[4], roleId + ":" + sessionName, null, roleArn, null);
    }

    /** A GetFederationToken session called {@code name}, issued by the IAM user {@code parentUserArn}. */
    public static Principal federatedUser(String parentUserArn, String name) {
        String[] p = arnParts(parentUserArn);
        String arn = "arn:" + p[1] + ":sts::" + p[4] + ":federated-user/" + name;
        return new Principal(PrincipalType.FEDERATED_USER, arn, p[4], p[4] + ":" + name, null, parentUserArn, null);
    }

    /** An unauthenticated caller. */
    public static Principal anonymous() {
        return new Principal(PrincipalType.ANONYMOUS, "anonymous", null, "anonymous", null, null, null);
    }

    /** An AWS service principal, e.g. {@code ec2.amazonaws.com}. */
    public static Principal service(String servicePrincipal) {
        return new Principal(PrincipalType.SERVICE, servicePrincipal, null, servicePrincipal, null, null, null);
    }

    /**
     * A federated identity presented to AssumeRoleWithSAML/WithWebIdentity: {@code provider} is the SAML or OIDC
     * provider ARN, or a built-in provider name such as {@code cognito-identity.amazonaws.com}.
     */
    public static Principal webIdentity(String provider, String subject) {
        String account = provider.startsWith("arn:") ? arnParts(provider)[4] : null;
        return new Principal(PrincipalType.WEB_IDENTITY, provider, account, subject, null, null, provider);
    }

    /** This principal with {@code aws:FederatedProvider} set (role sessions issued from an identity provider). */
    public Principal withFederatedProvider(String provider) {
        return new Principal(type, arn, account, userId, username, sourceArn, provider);
    }

    /** The value of {@code aws:PrincipalArn}: the role ARN for role sessions, the ARN itself otherwise. */
    public String principalArn() {
        return type == PrincipalType.ASSUMED_ROLE && sourceArn != null ? sourceArn : arn;
    }

    private static String[] arnParts(String arn) {
        String[] p = arn.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn")) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return p;
    }
}
