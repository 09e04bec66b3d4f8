package io.keygate.pool;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One identity pool (Cognito Identity {@code IdentityPool} plus its roles). Immutable.
 *
 * @param accountId                      the owning account
 * @param identityPoolId                 {@code <region>:<uuid>}
 * @param identityPoolName               1–128 characters of {@code [\w\s+=,.@-]}
 * @param allowUnauthenticatedIdentities whether guests get identities and credentials
 * @param allowClassicFlow               whether GetOpenIdToken serves the basic (classic) flow
 * @param supportedLoginProviders        provider name (an OIDC provider id of the account, {@code host/path}) → the
 *                                       client id its tokens must be issued to
 * @param developerProviderName          the developer provider name, or null
 * @param openIdConnectProviderArns      OIDC provider ARNs of the account whose tokens (any registered client id)
 *                                       sign users in
 * @param tags                           the pool's tags
 * @param roles                          {@code authenticated}/{@code unauthenticated} → role ARN
 * @param roleMappings                   provider name → how a signed-in user's role is chosen
 * @param created                        creation time
 * @param principalTagMaps               login provider name → how its token claims become principal tags
 *                                       (SetPrincipalTagAttributeMap); a provider absent here adds no tags
 */
public record IdentityPool(String accountId, String identityPoolId, String identityPoolName,
                           boolean allowUnauthenticatedIdentities, boolean allowClassicFlow,
                           Map<String, String> supportedLoginProviders, String developerProviderName,
                           List<String> openIdConnectProviderArns, Map<String, String> tags,
                           Map<String, String> roles, Map<String, RoleMapping> roleMappings, Instant created,
                           Map<String, PrincipalTagMap> principalTagMaps) {

    public IdentityPool {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(identityPoolId, "identityPoolId");
        Objects.requireNonNull(identityPoolName, "identityPoolName");
        supportedLoginProviders = sorted(supportedLoginProviders);
        openIdConnectProviderArns = openIdConnectProviderArns == null ? List.of()
                : List.copyOf(openIdConnectProviderArns);
        tags = sorted(tags);
        roles = sorted(roles);
        roleMappings = roleMappings == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(roleMappings));
        principalTagMaps = principalTagMaps == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(principalTagMaps));
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** The pool's ARN ({@code arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>}). */
    public String arn(String partition) {
        return "arn:" + partition + ":cognito-identity:" + region() + ":" + accountId + ":identitypool/"
                + identityPoolId;
    }

    /** The region part of the pool id. */
    public String region() {
        return identityPoolId.substring(0, identityPoolId.indexOf(':'));
    }

    /** The pool with its configuration replaced (UpdateIdentityPool); roles and mappings are kept. */
    public IdentityPool withConfiguration(String name, boolean unauthenticated, boolean classic,
                                          Map<String, String> providers, String developer, List<String> oidcArns,
                                          Map<String, String> newTags) {
        return new IdentityPool(accountId, identityPoolId, name, unauthenticated, classic, providers, developer,
                oidcArns, newTags, roles, roleMappings, created, principalTagMaps);
    }

    public IdentityPool withRoles(Map<String, String> newRoles, Map<String, RoleMapping> newMappings) {
        return new IdentityPool(accountId, identityPoolId, identityPoolName, allowUnauthenticatedIdentities,
                allowClassicFlow, supportedLoginProviders, developerProviderName, openIdConnectProviderArns, tags,
                newRoles, newMappings, created, principalTagMaps);
    }

    public IdentityPool withTags(Map<String, String> newTags) {
        return new IdentityPool(accountId, identityPoolId, identityPoolName, allowUnauthenticatedIdentities,
                allowClassicFlow, supportedLoginProviders, developerProviderName, openIdConnectProviderArns,
                newTags, roles, roleMappings, created, principalTagMaps);
    }

    /** The pool with the principal tag map of one login provider replaced (SetPrincipalTagAttributeMap). */
    public IdentityPool withPrincipalTagMap(String provider, PrincipalTagMap map) {
        Map<String, PrincipalTagMap> maps = new LinkedHashMap<>(principalTagMaps);
        maps.put(provider, map);
        return new IdentityPool(accountId, identityPoolId, identityPoolName, allowUnauthenticatedIdentities,
                allowClassicFlow, supportedLoginProviders, developerProviderName, openIdConnectProviderArns, tags,
                roles, roleMappings, created, maps);
    }

    /** The principal tag map of a login provider; {@link PrincipalTagMap#INACTIVE} when none was set. */
    public PrincipalTagMap principalTagMap(String provider) {
        return principalTagMaps.getOrDefault(provider, PrincipalTagMap.INACTIVE);
    }

    /** Tags merged with {@code more} (later values win). */
    public Map<String, String> tagsWith(Map<String, String> more) {
        Map<String, String> out = new LinkedHashMap<>(tags);
        out.putAll(more);
        return out;
    }
}
