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

    /** The principal types of {@code aws:PrincipalType}. */
    public enum PrincipalType { Account, User, AssumedRole, FederatedUser }

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
