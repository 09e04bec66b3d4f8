package io.keygate.pool;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an identity pool turns the claims of one login provider's tokens into principal tags of the role session
 * (Cognito Identity "attributes for access control", {@code Get/SetPrincipalTagAttributeMap}): tag key → claim
 * name. With {@code useDefaults}, AWS's default mapping for OpenID Connect providers, {@code client} ← {@code aud}
 * (the client id) and {@code username} ← {@code sub}; with neither defaults nor tags, the provider adds no tags
 * (the console's "Inactive"). Immutable.
 *
 * @param useDefaults   whether the default mapping applies ({@code principalTags} is then empty)
 * @param principalTags tag key → claim name, at most 50; empty with {@code useDefaults}
 */
public record PrincipalTagMap(boolean useDefaults, Map<String, String> principalTags) {

    /** AWS's default mapping for OIDC providers ("username and clientID"): tag key → claim. */
    public static final Map<String, String> DEFAULTS = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "client", "aud", "username", "sub")));
    /** A provider nobody configured: no tags. */
    public static final PrincipalTagMap INACTIVE = new PrincipalTagMap(false, Map.of());

    public PrincipalTagMap {
        principalTags = useDefaults || principalTags == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(principalTags));
    }

    /** The mapping in force: the defaults, or the custom tags. */
    public Map<String, String> effective() {
        return useDefaults ? DEFAULTS : principalTags;
    }

    /**
     * The session tags for a verified token, in tag-key order. A claim the token lacks adds no tag; a claim with
     * several values adds none either (a tag has one value), except {@code aud}, whose value is the audience that
     * matched the pool's client id. Values are checked later by the session-tag rules every session shares.
     *
     * @param claims   the token's claims
     * @param audience the audience that matched the pool's client id
     */
    public List<Map.Entry<String, String>> tags(Map<String, Object> claims, String audience) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        effective().forEach((key, claim) -> {
            String value = claim.equals("aud") ? audience : single(claims.get(claim));
            if (value != null) {
                tags.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
            }
        });
        return tags;
    }

    private static String single(Object claim) {
        if (claim instanceof List<?> list) {
            return list.size() == 1 && list.get(0) != null ? String.valueOf(list.get(0)) : null;
        }
        if (claim instanceof Map<?, ?>) {
            return null;
        }
        return claim == null ? null : String.valueOf(claim);
    }
}
