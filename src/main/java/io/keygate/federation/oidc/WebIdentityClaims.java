package io.keygate.federation.oidc;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * What a verified web identity contributes to the role's trust decision and to the session (IAM User Guide,
 * "Available keys for AWS OIDC federation" and "Passing session tags using AssumeRoleWithWebIdentity"):
 * <ul>
 * <li>condition keys prefixed with the provider id ({@code idp.example:8443/realms/Corp:sub}): {@code aud} (the
 * audience that matched the client ids), {@code oaud} (every {@code aud} value), {@code sub}, {@code azp},
 * {@code amr} (multi-valued) and {@code email} when the token has them;</li>
 * <li>the keys the session keeps for later requests: {@code <prefix>:sub} and {@code <prefix>:aud};</li>
 * <li>session tags from the {@code https://aws.amazon.com/tags} claim ({@code principal_tags}: key → [value],
 * {@code transitive_tag_keys}) and the source identity from {@code https://aws.amazon.com/source_identity}.</li>
 * </ul>
 * Stateless.
 */
public final class WebIdentityClaims {

    public static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    public static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

    /** The session tags a token asserts, in its order, and the keys that pass through role chaining. */
    public record AssertedTags(List<Map.Entry<String, String>> tags, List<String> transitiveTagKeys) {
        public AssertedTags {
            tags = List.copyOf(tags);
            transitiveTagKeys = List.copyOf(transitiveTagKeys);
        }

        public boolean isEmpty() {
            return tags.isEmpty() && transitiveTagKeys.isEmpty();
        }
    }

    private WebIdentityClaims() {
    }

    /** The condition keys of the trust decision. */
    public static Map<String, List<String>> conditionKeys(VerifiedWebIdentity identity) {
        String prefix = identity.provider().conditionKeyPrefix();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put(prefix + ":aud", List.of(identity.audience()));
        keys.put(prefix + ":oaud", identity.audiences());
        keys.put(prefix + ":sub", List.of(identity.subject()));
        String azp = identity.stringClaim("azp");
        if (azp != null) {
            keys.put(prefix + ":azp", List.of(azp));
        }
        Object amr = identity.claims().get("amr");
        if (amr instanceof List<?> list) {
            keys.put(prefix + ":amr", list.stream().map(String::valueOf).toList());
        } else if (amr instanceof String s) {
            keys.put(prefix + ":amr", List.of(s));
        }
        String email = identity.stringClaim("email");
        if (email != null) {
            keys.put(prefix + ":email", List.of(email));
        }
        return keys;
    }

    /** The keys every request of the session carries ({@code ${<prefix>:sub}} in the role's policies). */
    public static Map<String, String> sessionKeys(VerifiedWebIdentity identity) {
        String prefix = identity.provider().conditionKeyPrefix();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(prefix + ":sub", identity.subject());
        keys.put(prefix + ":aud", identity.audience());
        return keys;
    }

    /**
     * The session tags the token asserts.
     *
     * @throws FederationRejectedException InvalidIdentityToken when the claim is not shaped as AWS documents
     */
    public static AssertedTags tags(VerifiedWebIdentity identity) {
        Object claim = identity.claims().get(TAGS_CLAIM);
        if (claim == null) {
            return new AssertedTags(List.of(), List.of());
        }
        if (!(claim instanceof Map<?, ?> map)) {
            throw malformed();
        }
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        Object principalTags = map.get("principal_tags");
        if (principalTags != null) {
            if (!(principalTags instanceof Map<?, ?> pt)) {
                throw malformed();
            }
            for (Map.Entry<?, ?> e : pt.entrySet()) {
                Object value = e.getValue();
                if (value instanceof List<?> values && values.size() == 1 && values.get(0) instanceof String v) {
                    tags.add(new AbstractMap.SimpleImmutableEntry<>(String.valueOf(e.getKey()), v));
                } else if (value instanceof String v) {
                    tags.add(new AbstractMap.SimpleImmutableEntry<>(String.valueOf(e.getKey()), v));
                } else {
                    throw malformed();
                }
            }
        }
        List<String> transitive = new ArrayList<>();
        Object keys = map.get("transitive_tag_keys");
        if (keys != null) {
            if (!(keys instanceof List<?> list)) {
                throw malformed();
            }
            list.forEach(k -> transitive.add(String.valueOf(k)));
        }
        return new AssertedTags(tags, transitive);
    }

    /** The asserted source identity, or null. */
    public static String sourceIdentity(VerifiedWebIdentity identity) {
        Object claim = identity.claims().get(SOURCE_IDENTITY_CLAIM);
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof String s)) {
            throw new FederationRejectedException(AwsErrorCode.InvalidIdentityToken,
                    "The claim " + SOURCE_IDENTITY_CLAIM + " must be a string.");
        }
        return s;
    }

    private static FederationRejectedException malformed() {
        return new FederationRejectedException(AwsErrorCode.InvalidIdentityToken, "The claim " + TAGS_CLAIM
                + " must be an object with principal_tags (key to a one-element list of strings) and "
                + "transitive_tag_keys (a list of keys).");
    }
}
