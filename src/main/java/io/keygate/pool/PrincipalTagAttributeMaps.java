package io.keygate.pool;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;

/**
 * {@code SetPrincipalTagAttributeMap} and {@code GetPrincipalTagAttributeMap} (signed, allowed by
 * {@code cognito-identity:<Op>} on the pool): the {@link PrincipalTagMap} of one login provider of a pool, which
 * GetCredentialsForIdentity applies to the provider's tokens. The provider must be a login provider of the pool
 * (a {@code SupportedLoginProviders} name or the id of one of its {@code OpenIdConnectProviderARNs}), else
 * {@code InvalidParameterException}; a pool of another account is {@code ResourceNotFoundException}. Set replaces
 * the provider's map; {@code UseDefaults: true} selects AWS's defaults, and any {@code PrincipalTags} sent with it
 * are ignored. Get answers the map in force ({@code UseDefaults: false} and no tags for a provider never set).
 * Thread-safe.
 */
public final class PrincipalTagAttributeMaps {

    private final IdentityPoolRepository pools;
    private final Authorizer authorizer;

    public PrincipalTagAttributeMaps(IdentityPoolRepository pools, Authorizer authorizer) {
        this.pools = pools;
        this.authorizer = authorizer;
    }

    public List<PoolOperation> operations() {
        return List.of(
                new PoolOperation("SetPrincipalTagAttributeMap", true, this::set),
                new PoolOperation("GetPrincipalTagAttributeMap", true, this::get));
    }

    private ObjectNode set(PoolRequest in, Caller caller) {
        String provider = in.string("IdentityProviderName", true, 1, 128, null);
        Boolean useDefaults = in.bool("UseDefaults", false);
        Map<String, String> tags = in.stringMap("PrincipalTags", false, 50, 1, 128, null, 1, 256, null);
        IdentityPool pool = pool(in, caller, "SetPrincipalTagAttributeMap");
        requireLoginProvider(pool, provider);
        PrincipalTagMap map = new PrincipalTagMap(useDefaults != null && useDefaults, tags);
        pools.update(pool.identityPoolId(), p -> p.withPrincipalTagMap(provider, map))
                .orElseThrow(() -> IdentityPoolAdmin.notFound(pool.identityPoolId()));
        return answer(pool, provider, map);
    }

    private ObjectNode get(PoolRequest in, Caller caller) {
        String provider = in.string("IdentityProviderName", true, 1, 128, null);
        IdentityPool pool = pool(in, caller, "GetPrincipalTagAttributeMap");
        requireLoginProvider(pool, provider);
        return answer(pool, provider, pool.principalTagMap(provider));
    }

    private static void requireLoginProvider(IdentityPool pool, String provider) {
        if (!pool.supportedLoginProviders().containsKey(provider)
                && !IdentityPoolAdmin.oidcIds(pool).contains(provider)) {
            throw PoolRequest.invalid("Invalid identity provider name " + PoolRequest.echo(provider) + ": it is "
                    + "not a login provider of the identity pool.");
        }
    }

    private static ObjectNode answer(IdentityPool pool, String provider, PrincipalTagMap map) {
        ObjectNode out = PoolDispatcher.JSON.createObjectNode()
                .put("IdentityPoolId", pool.identityPoolId())
                .put("IdentityProviderName", provider)
                .put("UseDefaults", map.useDefaults());
        ObjectNode tags = out.putObject("PrincipalTags");
        map.effective().forEach(tags::put);
        return out;
    }

    /** The pool named by {@code IdentityPoolId}, in the caller's account, after authorizing the operation on it. */
    private IdentityPool pool(PoolRequest in, Caller caller, String operation) {
        String id = in.string("IdentityPoolId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        IdentityPool pool = pools.find(id).filter(p -> p.accountId().equals(caller.accountId()))
                .orElseThrow(() -> IdentityPoolAdmin.notFound(id));
        authorizer.authorize(caller, "cognito-identity:" + operation, pool.arn(caller.partition().id()));
        return pool;
    }
}
