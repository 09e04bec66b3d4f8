package io.keygate.federation.saml;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Keygate's side of SAML (the service provider): what assertions must be addressed to, and how strict the checks
 * are. Immutable.
 *
 * @param entityId           Keygate's SP entity id: an {@code AudienceRestriction} must name it (default
 *                           {@code <public-url>/saml})
 * @param acsUrl             the assertion consumer service URL ({@code <public-url>/saml}): the bearer
 *                           {@code Recipient} and, when present, the Response {@code Destination} must equal it
 * @param extraAudiences     further accepted audiences (e.g. {@code urn:amazon:webservices}, to reuse an IdP
 *                           application built for AWS); empty by default
 * @param extraRecipients    further accepted recipients/destinations (e.g. {@code https://signin.aws.amazon.com/saml});
 *                           empty by default
 * @param clockSkew          tolerance on every time check
 * @param allowSha1          whether RSA-SHA1 signatures and SHA-1 digests are accepted (refused by default)
 * @param maxResponseChars   the longest base64 {@code SAMLResponse} accepted (AWS: 100,000)
 */
public record SamlSettings(String entityId, String acsUrl, Set<String> extraAudiences, Set<String> extraRecipients,
                           Duration clockSkew, boolean allowSha1, int maxResponseChars) {

    /** AWS's limit on {@code SAMLAssertion}. */
    public static final int AWS_MAX_RESPONSE_CHARS = 100_000;

    public SamlSettings {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(acsUrl, "acsUrl");
        extraAudiences = Set.copyOf(extraAudiences);
        extraRecipients = Set.copyOf(extraRecipients);
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** Settings for a broker at {@code publicUrl}: entity id and ACS {@code <publicUrl>/saml}, 60 s skew, no SHA-1. */
    public static SamlSettings forPublicUrl(String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return new SamlSettings(base + "/saml", base + "/saml", Set.of(), Set.of(), Duration.ofSeconds(60), false,
                AWS_MAX_RESPONSE_CHARS);
    }

    boolean acceptsAudience(String audience) {
        return entityId.equals(audience) || extraAudiences.contains(audience);
    }

    boolean acceptsRecipient(String recipient) {
        return acsUrl.equals(recipient) || extraRecipients.contains(recipient);
    }
}
