package io.keygate.auth;

import java.util.Objects;

import io.keygate.credentials.SessionClaims;
import io.keygate.iam.AccessKey;
import io.keygate.iam.Partition;

/**
 * The authenticated principal of one request, as SigV4 verification established it.
 *
 * @param type        what kind of principal signed
 * @param partition   the partition the credentials belong to
 * @param accountId   the principal's account
 * @param arn         the principal's ARN as GetCallerIdentity reports it
 * @param userId      the unique id as GetCallerIdentity reports it ({@code aws:userid})
 * @param userName    the IAM user name for users (also for their GetSessionToken sessions), else null
 * @param accessKeyId the access key id that signed the request
 * @param longTermKey the long-term key that signed, or null for temporary credentials
 * @param session     the verified session token's claims, or null for long-term keys
 * @param region      the region named in the credential scope
 * @param facts       what the HTTP exchange tells about the client (source address, TLS, user agent), never null
 */
public record Caller(PrincipalType type, Partition partition, String accountId, String arn, String userId,
                     String userName, String accessKeyId, AccessKey longTermKey, SessionClaims session,
                     String region, RequestFacts facts) {

    /**
     * The principal types of {@code aws:PrincipalType}, plus the two callers of the unsigned federation actions:
     * {@code Anonymous} (nothing verified yet: only the partition, region and request facts are known) and
     * {@code WebIdentity} (an external identity a SAML or OIDC pipeline verified; see {@link #webIdentity}).
     */
    public enum PrincipalType { Account, User, AssumedRole, FederatedUser, Anonymous, WebIdentity }

    public Caller {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        facts = facts == null ? RequestFacts.NONE : facts;
    }

    /** A caller about whose HTTP exchange nothing is known yet. */
    public Caller(PrincipalType type, Partition partition, String accountId, String arn, String userId,
                  String userName, String accessKeyId, AccessKey longTermKey, SessionClaims session, String region) {
        this(type, partition, accountId, arn, userId, userName, accessKeyId, longTermKey, session, region,
                RequestFacts.NONE);
    }

    /**
     * The caller of an unsigned action (AssumeRoleWithSAML, AssumeRoleWithWebIdentity) before anything is verified:
     * what the endpoint and the HTTP exchange tell ({@code aws:SourceIp}, {@code aws:SecureTransport},
     * {@code aws:UserAgent}, {@code aws:RequestedRegion}) and nothing else.
     *
     * @param region the region the endpoint serves (unsigned requests carry no credential scope)
     */
    public static Caller unsigned(Partition partition, String region, RequestFacts facts) {
        return new Caller(PrincipalType.Anonymous, partition, "", "anonymous", "anonymous", null, "", null, null,
                region, facts);
    }

    /**
     * A verified external identity presented to a role's trust policy: the principal is the identity provider
     * (matched by a {@code Federated} principal element), with the facts of the unsigned request it came in.
     *
     * @param providerArn the SAML or OIDC provider's ARN ({@code arn:aws:iam::<account>:saml-provider/<name>})
     * @param subject     the verified subject (SAML NameID, OIDC {@code sub})
     */
    public Caller asWebIdentity(String providerArn, String subject) {
        String[] arn = providerArn.split(":", 6);
        String account = arn.length == 6 ? arn[4] : "";
        return new Caller(PrincipalType.WebIdentity, partition, account, providerArn, subject, null, "", null, null,
                region, facts);
    }

    /** This caller with the facts of the exchange that carried its request. */
    public Caller withFacts(RequestFacts newFacts) {
        return new Caller(type, partition, accountId, arn, userId, userName, accessKeyId, longTermKey, session,
                region, newFacts);
    }

    public boolean isRoot() {
        return type == PrincipalType.Account;
    }

    public boolean isTemporary() {
        return session != null;
    }
}
