package io.keygate.issuer;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's outbound web identity federation (IAM {@code EnableOutboundWebIdentityFederation}): its unique issuer
 * id, kept when the feature is disabled so tokens issued before still verify.
 *
 * @param accountId the account
 * @param issuerId  random, URL-safe; the issuer URL is {@code <base>/oidc/<issuerId>}
 * @param enabled   whether principals of the account may call {@code GetWebIdentityToken}
 * @param created   when the feature was first enabled
 */
public record OutboundFederation(String accountId, String issuerId, boolean enabled, Instant created) {

    public OutboundFederation {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(created, "created");
    }

    public OutboundFederation withEnabled(boolean value) {
        return new OutboundFederation(accountId, issuerId, value, created);
    }

    /** The issuer URL under {@code base} (Keygate's public URL, no trailing slash). */
    public String issuerUrl(String base) {
        return base + "/oidc/" + issuerId;
    }
}
