package io.keygate.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One revocation. Exactly the fields of its {@link Kind} are set.
 *
 * @param id             a stable id derived from what it matches ({@code key:…}, {@code si:…}, {@code role:…},
 *                       {@code sub:…})
 * @param kind           what it matches
 * @param accountId      the account whose sessions it applies to
 * @param accessKeyId    for {@link Kind#AccessKeyId}
 * @param sourceIdentity for {@link Kind#SourceIdentity}
 * @param roleArn        for {@link Kind#RoleArn}
 * @param issuedBefore   for {@link Kind#RoleArn}: sessions issued before this instant are refused
 * @param provider       for {@link Kind#Subject}: the federated provider (SAML issuer / OIDC issuer)
 * @param subject        for {@link Kind#Subject}: the federated subject (NameID / sub)
 * @param createdAt      when it was made
 * @param expiresAt      when no credential it can match is valid any more; it is dropped then
 * @param createdBy      the ARN of the principal that made it
 */
public record Revocation(String id, Kind kind, String accountId, String accessKeyId, String sourceIdentity,
                         String roleArn, Instant issuedBefore, String provider, String subject, Instant createdAt,
                         Instant expiresAt, String createdBy) {

    /** Longest life of any temporary credential (GetSessionToken / GetFederationToken: 36 h). */
    public static final Duration LONGEST_SESSION = Duration.ofSeconds(129_600);
    /** Longest life of a role session (MaxSessionDuration at most 12 h). */
    public static final Duration LONGEST_ROLE_SESSION = Duration.ofSeconds(43_200);

    /** The shapes a revocation request can take. */
    public enum Kind { AccessKeyId, SourceIdentity, RoleArn, Subject }

    public Revocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    static String keyForAccessKey(String accessKeyId) {
        return "key:" + accessKeyId;
    }

    static String keyForSourceIdentity(String accountId, String sourceIdentity) {
        return "si:" + accountId + ":" + sourceIdentity;
    }

    static String keyForRole(String roleArn) {
        return "role:" + roleArn;
    }

    static String keyForSubject(String accountId, String provider, String subject) {
        return "sub:" + accountId + ":" + provider.length() + ":" + provider + ":" + subject;
    }
}
