package io.keygate.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;

/**
 * Developer-authenticated identities (signed, allowed by {@code cognito-identity:<Op>} on the pool): the app's own
 * backend vouches for its users by their developer user identifier under the pool's {@code DeveloperProviderName}.
 * {@code GetOpenIdTokenForDeveloperIdentity} links the identifier to an identity (the one it is linked to, the
 * {@code IdentityId} given, or a new one) and returns a token of the basic flow's issuer ({@code amr}
 * {@code authenticated} and the developer provider name) that AssumeRoleWithWebIdentity accepts;
 * {@code LookupDeveloperIdentity}, {@code MergeDeveloperIdentities} (the source identifier moves to the
 * destination's identity) and {@code UnlinkDeveloperIdentity} manage the links. Thread-safe.
 */
public final class DeveloperIdentities {

    /** The provider of developer links in the store; no OIDC provider id starts with {@code #}. */
    public static final String LINK_PREFIX = "#developer";
    /** How an identity's developer logins are listed (AWS's provider name for developer tokens). */
    public static final String LOGIN_NAME = IdentityCredentials.COGNITO;

    private final IdentityPoolRepository pools;
    private final Authorizer authorizer;
    private final IdentityCredentials.PoolTokens tokens;
    private final Duration defaultLifetime;
    private final Clock clock;

    public DeveloperIdentities(IdentityPoolRepository pools, Authorizer authorizer,
                               IdentityCredentials.PoolTokens tokens, Duration defaultLifetime, Clock clock) {
        this.pools = pools;
        this.authorizer = authorizer;
        this.tokens = tokens;
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    public List<PoolOperation> operations() {
        return List.of(
                new PoolOperation("GetOpenIdTokenForDeveloperIdentity", true, this::getToken),
                new PoolOperation("LookupDeveloperIdentity", true, this::lookup),
                new PoolOperation("MergeDeveloperIdentities", true, this::merge),
                new PoolOperation("UnlinkDeveloperIdentity", true, this::unlink));
    }

    private ObjectNode getToken(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "GetOpenIdTokenForDeveloperIdentity");
        String identityId = in.string("IdentityId", false, 1, 55, IdentityPoolAdmin.POOL_ID);
        Map<String, String> logins = in.stringMap("Logins", true, 10, 1, 128, null, 1, 50_000, null);
        if (in.node("PrincipalTags") != null && !in.node("PrincipalTags").isEmpty()) {
            throw PoolRequest.invalid("PrincipalTags are not supported by Keygate identity pools yet.");
        }
        Integer seconds = in.integer("TokenDuration", false, 1, 86_400);
        String developer = developer(pool);
        if (logins.size() != 1 || !logins.containsKey(developer)) {
            throw PoolRequest.invalid("Logins must hold exactly the pool's developer provider " + developer + ".");
        }
        String user = logins.get(developer);
        PoolIdentity current = null;
        if (identityId != null) {
            current = pools.identity(identityId).filter(i -> i.poolId().equals(pool.identityPoolId()))
                    .orElseThrow(() -> IdentityPoolAdmin.identityNotFound(identityId));
        }
        String candidate = current != null ? current.identityId() : pool.region() + ":" + UUID.randomUUID();
        String linked = pools.link(pool.identityPoolId(), LINK_PREFIX, user, candidate);
        if (current != null && !linked.equals(current.identityId())) {
            throw new EntityException(AwsErrorCode.ResourceConflictException, "The developer user identifier is "
                    + "linked to another identity of the identity pool.");
        }
        addIdentifier(pool, linked, user);
        String token = tokens.issue(pool, linked, List.of("authenticated", developer, developer + ":"
                + pool.identityPoolId() + ":" + user), seconds == null ? defaultLifetime : Duration.ofSeconds(seconds));
        return PoolDispatcher.JSON.createObjectNode().put("IdentityId", linked).put("Token", token);
    }

    private ObjectNode lookup(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "LookupDeveloperIdentity");
        String identityId = in.string("IdentityId", false, 1, 55, IdentityPoolAdmin.POOL_ID);
        String user = in.string("DeveloperUserIdentifier", false, 1, 1024, null);
        in.integer("MaxResults", false, 1, 60);
        in.string("NextToken", false, 1, 65535, null);
        if (identityId == null && user == null) {
            throw PoolRequest.invalid("IdentityId or DeveloperUserIdentifier is required.");
        }
        String id = identityId != null ? identityId : pools.linked(pool.identityPoolId(), LINK_PREFIX, user)
                .orElseThrow(() -> new EntityException(AwsErrorCode.ResourceNotFoundException,
                        "The developer user identifier is not linked to an identity of the identity pool."));
        PoolIdentity identity = pools.identity(id).filter(i -> i.poolId().equals(pool.identityPoolId()))
                .orElseThrow(() -> IdentityPoolAdmin.identityNotFound(id));
        if (user != null && !identity.developerUserIdentifiers().contains(user)) {
            throw new EntityException(AwsErrorCode.ResourceConflictException, "The developer user identifier is "
                    + "not linked to the identity " + id + ".");
        }
        ObjectNode out = PoolDispatcher.JSON.createObjectNode().put("IdentityId", id);
        ArrayNode list = out.putArray("DeveloperUserIdentifierList");
        identity.developerUserIdentifiers().forEach(list::add);
        return out;
    }

    private ObjectNode merge(PoolRequest in, Caller caller) {
        String source = in.string("SourceUserIdentifier", true, 1, 1024, null);
        String destination = in.string("DestinationUserIdentifier", true, 1, 1024, null);
        String provider = in.string("DeveloperProviderName", true, 1, 128, IdentityPoolAdmin.DEVELOPER);
        IdentityPool pool = pool(in, caller, "MergeDeveloperIdentities");
        if (!provider.equals(developer(pool))) {
            throw PoolRequest.invalid("The identity pool's developer provider is not " + provider + ".");
        }
        String target = pools.linked(pool.identityPoolId(), LINK_PREFIX, destination)
                .orElseThrow(() -> new EntityException(AwsErrorCode.ResourceNotFoundException,
                        "The destination user identifier is not linked to an identity of the identity pool."));
        String from = pools.linked(pool.identityPoolId(), LINK_PREFIX, source)
                .orElseThrow(() -> new EntityException(AwsErrorCode.ResourceNotFoundException,
                        "The source user identifier is not linked to an identity of the identity pool."));
        if (!from.equals(target)) {
            pools.relink(pool.identityPoolId(), LINK_PREFIX, source, target);
            pools.updateIdentity(from, i -> {
                TreeSet<String> left = new TreeSet<>(i.developerUserIdentifiers());
                left.remove(source);
                return i.withDeveloperUserIdentifiers(left, clock.instant());
            });
            addIdentifier(pool, target, source);
        }
        return PoolDispatcher.JSON.createObjectNode().put("IdentityId", target);
    }

    private ObjectNode unlink(PoolRequest in, Caller caller) {
        String identityId = in.string("IdentityId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        String provider = in.string("DeveloperProviderName", true, 1, 128, IdentityPoolAdmin.DEVELOPER);
        String user = in.string("DeveloperUserIdentifier", true, 1, 1024, null);
        IdentityPool pool = pool(in, caller, "UnlinkDeveloperIdentity");
        if (!provider.equals(developer(pool))) {
            throw PoolRequest.invalid("The identity pool's developer provider is not " + provider + ".");
        }
        if (!pools.linked(pool.identityPoolId(), LINK_PREFIX, user).map(identityId::equals).orElse(false)) {
            throw new EntityException(AwsErrorCode.ResourceNotFoundException, "The developer user identifier is "
                    + "not linked to the identity " + identityId + ".");
        }
        pools.unlink(pool.identityPoolId(), LINK_PREFIX, user);
        pools.updateIdentity(identityId, i -> {
            TreeSet<String> left = new TreeSet<>(i.developerUserIdentifiers());
            left.remove(user);
            return i.withDeveloperUserIdentifiers(left, clock.instant());
        });
        return PoolDispatcher.JSON.createObjectNode();
    }

    private void addIdentifier(IdentityPool pool, String identityId, String user) {
        if (pools.identity(identityId).isEmpty()) {
            pools.createIdentity(new PoolIdentity(identityId, pool.identityPoolId(), pool.accountId(), Map.of(),
                    List.of(user), clock.instant(), clock.instant()));
            return;
        }
        pools.updateIdentity(identityId, i -> {
            if (i.developerUserIdentifiers().contains(user)) {
                return i;
            }
            TreeSet<String> all = new TreeSet<>(i.developerUserIdentifiers());
            all.add(user);
            return i.withDeveloperUserIdentifiers(all, clock.instant());
        });
    }

    private static String developer(IdentityPool pool) {
        if (pool.developerProviderName() == null) {
            throw PoolRequest.invalid("The identity pool has no DeveloperProviderName.");
        }
        return pool.developerProviderName();
    }

    private IdentityPool pool(PoolRequest in, Caller caller, String operation) {
        String id = in.string("IdentityPoolId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        IdentityPool pool = pools.find(id).filter(p -> p.accountId().equals(caller.accountId()))
                .orElseThrow(() -> IdentityPoolAdmin.notFound(id));
        authorizer.authorize(caller, "cognito-identity:" + operation, pool.arn(caller.partition().id()));
        return pool;
    }
}
