package io.keygate.credentials;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a session token carries (DESIGN decision 2): enough to verify a SigV4 request signed with the temporary
 * credentials and to authorize it at request time, without a store lookup. Instants are kept to whole seconds,
 * as they travel in the token. {@link #toString()} never shows the secret access key.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 *
 * @param accessKeyId         the temporary access key id ({@code ASIA...}), required
 * @param secretAccessKey     its secret access key (40 characters), required
 * @param principalType       who the credentials act as, required
 * @param principalArn        the caller ARN ({@code aws:PrincipalArn}), e.g. an assumed-role ARN, required
 * @param userId              {@code aws:userid}, e.g. {@code AROA...:session-name}, required
 * @param accountId           the 12-digit account, required
 * @param partition           {@code aws}, {@code aws-cn}, ...; required
 * @param issuedAt            when the credentials were issued, required
 * @param expiresAt           when they expire, after {@code issuedAt}, required
 * @param sourceArn           the IAM user or role (or root) the session derives from; its policies are evaluated
 *                            at request time, required
 * @param sourceUniqueId      that entity's unique id ({@code AIDA...}, {@code AROA...}, or the account id for root),
 *                            required; an entity deleted and re-created under the same name has another id
 * @param mfaPresent          {@code aws:MultiFactorAuthPresent}
 * @param mfaAuthenticatedAt  when MFA was proved (for {@code aws:MultiFactorAuthAge}); null when absent, and only
 *                            allowed when {@code mfaPresent}
 * @param sourceIdentity      {@code sts:SourceIdentity}, nullable
 * @param sessionTags         session tags in the order given, never null
 * @param transitiveTagKeys   keys of {@code sessionTags} that pass to chained role sessions, never null
 * @param sessionPolicy       the inline session policy JSON text, nullable
 * @param sessionPolicyArns   managed session policy ARNs, never null
 * @param federatedProvider   the identity provider's ARN for AssumeRoleWithSAML / AssumeRoleWithWebIdentity
 *                            sessions ({@code aws:FederatedProvider}; what targeted revocation by
 *                            {@code {Provider, Subject}} matches), nullable
 * @param federatedSubject    SAML NameID / OIDC {@code sub}, nullable
 * @param federatedClaims     the provider-prefixed condition keys that survive into later requests, e.g.
 *                            {@code saml:sub}, {@code saml:namequalifier}, {@code <oidc-prefix>:sub}; set in every
 *                            request context of the session, so they work as policy variables ({@code ${saml:sub}});
 *                            never null
 * @param roleSessionName     RoleSessionName (or federated user name), nullable for GetSessionToken
 * @param issuingAction       the STS action that issued the credentials, required
 * @param chained             true when minted from another role session (role chaining)
 */
public record SessionClaims(
        AccessKeyId accessKeyId,
        String secretAccessKey,
        PrincipalType principalType,
        String principalArn,
        String userId,
        String accountId,
        String partition,
        Instant issuedAt,
        Instant expiresAt,
        String sourceArn,
        String sourceUniqueId,
        boolean mfaPresent,
        Instant mfaAuthenticatedAt,
        String sourceIdentity,
        Map<String, String> sessionTags,
        List<String> transitiveTagKeys,
        String sessionPolicy,
        List<String> sessionPolicyArns,
        String federatedProvider,
        String federatedSubject,
        Map<String, String> federatedClaims,
        String roleSessionName,
        IssuingAction issuingAction,
        boolean chained) {

    public SessionClaims {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        if (!accessKeyId.isTemporary()) {
            throw new IllegalArgumentException("session credentials need a temporary (ASIA) access key id");
        }
        if (!IdGenerator.isWellFormedSecret(secretAccessKey)) {
            throw new IllegalArgumentException("secretAccessKey must be 40 characters of A-Za-z0-9+/");
        }
        Objects.requireNonNull(principalType, "principalType");
        requireText(principalArn, "principalArn");
        requireText(userId, "userId");
        if (!AccountIds.isWellFormed(accountId)) {
            throw new IllegalArgumentException("accountId must be 12 digits");
        }
        requireText(partition, "partition");
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        requireText(sourceArn, "sourceArn");
        requireText(sourceUniqueId, "sourceUniqueId");
        if (mfaAuthenticatedAt != null) {
            if (!mfaPresent) {
                throw new IllegalArgumentException("mfaAuthenticatedAt needs mfaPresent");
            }
            mfaAuthenticatedAt = mfaAuthenticatedAt.truncatedTo(ChronoUnit.SECONDS);
        }
        sessionTags = orderedCopy(Objects.requireNonNull(sessionTags, "sessionTags"));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        for (String key : transitiveTagKeys) {
            if (!sessionTags.containsKey(key)) {
                throw new IllegalArgumentException("transitive tag key " + key + " is not a session tag");
            }
        }
        sessionPolicyArns = List.copyOf(sessionPolicyArns);
        federatedClaims = orderedCopy(Objects.requireNonNull(federatedClaims, "federatedClaims"));
        if (!federatedClaims.isEmpty() && federatedProvider == null) {
            throw new IllegalArgumentException("federatedClaims need a federatedProvider");
        }
        Objects.requireNonNull(issuingAction, "issuingAction");
    }

    /** A builder with {@code partition} {@code aws} and no tags, policies, MFA or federation facts. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this record, to derive a similar one. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "SessionClaims[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>, principalType="
                + principalType + ", principalArn=" + principalArn + ", userId=" + userId + ", accountId=" + accountId
                + ", partition=" + partition + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + ", sourceArn=" + sourceArn + ", sourceUniqueId=" + sourceUniqueId + ", mfaPresent=" + mfaPresent
                + ", mfaAuthenticatedAt=" + mfaAuthenticatedAt + ", sourceIdentity=" + sourceIdentity
                + ", sessionTags=" + sessionTags + ", transitiveTagKeys=" + transitiveTagKeys
                + ", sessionPolicy=" + (sessionPolicy == null ? "null" : sessionPolicy.length() + " chars")
                + ", sessionPolicyArns=" + sessionPolicyArns + ", federatedProvider=" + federatedProvider
                + ", federatedSubject=" + federatedSubject + ", federatedClaims=" + federatedClaims.keySet()
                + ", roleSessionName=" + roleSessionName
                + ", issuingAction=" + issuingAction + ", chained=" + chained + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static Map<String, String> orderedCopy(Map<String, String> tags) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        tags.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "tag key"), Objects.requireNonNull(v, "tag value")));
        return Collections.unmodifiableMap(copy);
    }

    /** Fluent builder for {@link SessionClaims}, in the style of Nimbus {@code JWTClaimsSet.Builder}. Not thread-safe. */
    public static final class Builder {
        private AccessKeyId accessKeyId;
        private String secretAccessKey;
        private PrincipalType principalType;
        private String principalArn;
        private String userId;
        private String accountId;
        private String partition = "aws";
        private Instant issuedAt;
        private Instant expiresAt;
        private String sourceArn;
        private String sourceUniqueId;
        private boolean mfaPresent;
        private Instant mfaAuthenticatedAt;
        private String sourceIdentity;
        private final LinkedHashMap<String, String> sessionTags = new LinkedHashMap<>();
        private final List<String> transitiveTagKeys = new ArrayList<>();
        private String sessionPolicy;
        private final List<String> sessionPolicyArns = new ArrayList<>();
        private String federatedProvider;
        private String federatedSubject;
        private final LinkedHashMap<String, String> federatedClaims = new LinkedHashMap<>();
        private String roleSessionName;
        private IssuingAction issuingAction;
        private boolean chained;

        private Builder() {
        }

        private Builder(SessionClaims c) {
            accessKeyId = c.accessKeyId;
            secretAccessKey = c.secretAccessKey;
            principalType = c.principalType;
            principalArn = c.principalArn;
            userId = c.userId;
            accountId = c.accountId;
            partition = c.partition;
            issuedAt = c.issuedAt;
            expiresAt = c.expiresAt;
            sourceArn = c.sourceArn;
            sourceUniqueId = c.sourceUniqueId;
            mfaPresent = c.mfaPresent;
            mfaAuthenticatedAt = c.mfaAuthenticatedAt;
            sourceIdentity = c.sourceIdentity;
            sessionTags.putAll(c.sessionTags);
            transitiveTagKeys.addAll(c.transitiveTagKeys);
            sessionPolicy = c.sessionPolicy;
            sessionPolicyArns.addAll(c.sessionPolicyArns);
            federatedProvider = c.federatedProvider;
            federatedSubject = c.federatedSubject;
            federatedClaims.putAll(c.federatedClaims);
            roleSessionName = c.roleSessionName;
            issuingAction = c.issuingAction;
            chained = c.chained;
        }

        public Builder accessKeyId(AccessKeyId value) {
            accessKeyId = value;
            return this;
        }

        public Builder secretAccessKey(String value) {
            secretAccessKey = value;
            return this;
        }

        public Builder principalType(PrincipalType value) {
            principalType = value;
            return this;
        }

        public Builder principalArn(String value) {
            principalArn = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        public Builder partition(String value) {
            partition = value;
            return this;
        }

        public Builder issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            expiresAt = value;
            return this;
        }

        /** The IAM user, role or root the session derives from, and its unique id. */
        public Builder source(String arn, String uniqueId) {
            sourceArn = arn;
            sourceUniqueId = uniqueId;
            return this;
        }

        public Builder sourceArn(String value) {
            sourceArn = value;
            return this;
        }

        public Builder sourceUniqueId(String value) {
            sourceUniqueId = value;
            return this;
        }

        public Builder federatedProvider(String value) {
            federatedProvider = value;
            return this;
        }

        public Builder federatedSubject(String value) {
            federatedSubject = value;
            return this;
        }

        /** MFA was proved at {@code authenticatedAt} (non-null). */
        public Builder mfa(Instant authenticatedAt) {
            mfaPresent = true;
            mfaAuthenticatedAt = Objects.requireNonNull(authenticatedAt, "authenticatedAt");
            return this;
        }

        public Builder mfaPresent(boolean value) {
            mfaPresent = value;
            return this;
        }

        public Builder mfaAuthenticatedAt(Instant value) {
            mfaAuthenticatedAt = value;
            return this;
        }

        public Builder sourceIdentity(String value) {
            sourceIdentity = value;
            return this;
        }

        /** Adds (or replaces) one session tag; insertion order is kept. */
        public Builder sessionTag(String key, String value) {
            sessionTags.put(key, value);
            return this;
        }

        /** Replaces every session tag with {@code tags}, in their iteration order. */
        public Builder sessionTags(Map<String, String> tags) {
            sessionTags.clear();
            sessionTags.putAll(tags);
            return this;
        }

        public Builder transitiveTagKeys(List<String> keys) {
            transitiveTagKeys.clear();
            transitiveTagKeys.addAll(keys);
            return this;
        }

        public Builder sessionPolicy(String json) {
            sessionPolicy = json;
            return this;
        }

        public Builder sessionPolicyArns(List<String> arns) {
            sessionPolicyArns.clear();
            sessionPolicyArns.addAll(arns);
            return this;
        }

        /** The external identity: SAML issuer and NameID, or OIDC {@code iss} and {@code sub}. */
        public Builder federated(String provider, String subject) {
            federatedProvider = provider;
            federatedSubject = subject;
            return this;
        }

        /** Replaces the federated condition keys (see the record's {@code federatedClaims}) with {@code claims}. */
        public Builder federatedClaims(Map<String, String> claims) {
            federatedClaims.clear();
            federatedClaims.putAll(claims);
            return this;
        }

        public Builder roleSessionName(String value) {
            roleSessionName = value;
            return this;
        }

        public Builder issuingAction(IssuingAction value) {
            issuingAction = value;
            return this;
        }

        public Builder chained(boolean value) {
            chained = value;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException when a required part is missing or invalid */
        public SessionClaims build() {
            return new SessionClaims(accessKeyId, secretAccessKey, principalType, principalArn, userId, accountId,
                    partition, issuedAt, expiresAt, sourceArn, sourceUniqueId, mfaPresent, mfaAuthenticatedAt,
                    sourceIdentity, sessionTags, transitiveTagKeys, sessionPolicy, sessionPolicyArns,
                    federatedProvider, federatedSubject, federatedClaims, roleSessionName, issuingAction, chained);
        }
    }
}
