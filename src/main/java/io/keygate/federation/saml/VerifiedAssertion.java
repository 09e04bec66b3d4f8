package io.keygate.federation.saml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An assertion that passed every check of {@link SamlResponseValidator}: only what was read from the element the
 * verified signature covers, after decryption. Immutable.
 *
 * @param trust              the provider that issued it
 * @param issuer             the Issuer (= the provider's entity id)
 * @param assertionId        the Assertion's {@code ID}
 * @param subject            the NameID value ({@code saml:sub})
 * @param subjectFormat      the NameID {@code Format} URI, or null
 * @param recipient          the bearer {@code Recipient} ({@code saml:aud}; AWS's "Audience" in the response)
 * @param audiences          every {@code Audience} of the {@code AudienceRestriction}s
 * @param notOnOrAfter       the earliest of the bearer confirmation's and the Conditions' {@code NotOnOrAfter}: the
 *                           assertion is usable until then (replay entries live that long)
 * @param sessionNotOnOrAfter the AuthnStatement's {@code SessionNotOnOrAfter}, or null
 * @param attributes         every attribute by {@code Name}, values in order
 * @param roles              the {@code Role} attribute's pairs, in order
 * @param encrypted          whether it came as an {@code EncryptedAssertion}
 */
public record VerifiedAssertion(SamlTrust trust, String issuer, String assertionId, String subject,
                                String subjectFormat, String recipient, List<String> audiences, Instant notOnOrAfter,
                                Instant sessionNotOnOrAfter, Map<String, List<String>> attributes,
                                List<RolePair> roles, boolean encrypted) {

    /** The AWS attribute names (SAML 2.0 {@code Attribute Name}, case-sensitive). */
    public static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    public static final String PRINCIPAL_TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    public static final String TRANSITIVE_TAG_KEYS = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";
    private static final String NAMEID_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    public VerifiedAssertion {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(subject, "subject");
        audiences = List.copyOf(audiences);
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = java.util.Collections.unmodifiableMap(copy);
        roles = List.copyOf(roles);
    }

    /** AWS's {@code SubjectType}: the NameID format with {@code urn:oasis:names:tc:SAML:2.0:nameid-format:} dropped. */
    public String subjectType() {
        if (subjectFormat == null) {
            return "unspecified";
        }
        return subjectFormat.startsWith(NAMEID_PREFIX) ? subjectFormat.substring(NAMEID_PREFIX.length())
                : subjectFormat;
    }

    /** AWS's {@code NameQualifier}: base64(SHA-1(Issuer + AccountId + "/" + ProviderName)). */
    public String nameQualifier() {
        return SamlKeys.nameQualifier(issuer, trust.accountId(), trust.providerName());
    }

    /** The single value of {@code name}, if the attribute is present with exactly one value. */
    public Optional<String> single(String name) {
        List<String> v = attributes.get(name);
        return v != null && v.size() == 1 ? Optional.of(v.get(0)) : Optional.empty();
    }

    /** {@code PrincipalTag:<key>} attributes as session tags, in assertion order (first value of each). */
    public List<Map.Entry<String, String>> principalTags() {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        attributes.forEach((name, values) -> {
            if (name.startsWith(PRINCIPAL_TAG) && !values.isEmpty()) {
                tags.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name.substring(PRINCIPAL_TAG.length()),
                        values.get(0)));
            }
        });
        return tags;
    }

    /** The {@code TransitiveTagKeys} attribute's values. */
    public List<String> transitiveTagKeys() {
        return attributes.getOrDefault(TRANSITIVE_TAG_KEYS, List.of());
    }

    /** The trust-policy condition keys AWS fills for this assertion ({@code saml:aud}, {@code saml:sub}, …). */
    public Map<String, List<String>> conditionKeys() {
        return SamlKeys.conditionKeys(this);
    }

    /** The keys that survive into the session's later requests ({@code saml:sub}, {@code saml:namequalifier}, …). */
    public Map<String, String> sessionKeys() {
        return SamlKeys.sessionKeys(this);
    }
}
