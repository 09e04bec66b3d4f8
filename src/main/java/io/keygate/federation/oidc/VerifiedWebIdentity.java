package io.keygate.federation.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.keygate.iam.OidcProvider;

/**
 * An OIDC token that passed every check of {@link WebIdentityVerifier}: what AssumeRoleWithWebIdentity (and identity
 * pools) build a session from. Immutable.
 *
 * @param provider  the registered provider whose keys verified the token
 * @param issuer    the {@code iss} claim as the token carries it
 * @param subject   {@code sub}
 * @param audience  the audience that matched the provider's client ids ({@code aud}, else {@code azp})
 * @param audiences every {@code aud} value
 * @param expiresAt {@code exp}
 * @param claims    all claims of the token (JSON values as Nimbus parses them), read-only
 */
public record VerifiedWebIdentity(OidcProvider provider, String issuer, String subject, String audience,
                                  List<String> audiences, Instant expiresAt, Map<String, Object> claims) {

    public VerifiedWebIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        audiences = List.copyOf(audiences);
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    /** A string claim, or null when absent or not a string. */
    public String stringClaim(String name) {
        return claims.get(name) instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        return "VerifiedWebIdentity[" + provider.id() + ", sub=" + subject + ", aud=" + audience + "]";
    }
}
