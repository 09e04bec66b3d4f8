package io.keygate.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.FederationRejectedException;
import io.keygate.error.ServiceFailureException;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.federation.oidc.VerifiedWebIdentity;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.sts.FederatedIdentity;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SessionInputs;

/**
 * The unsigned identity operations of identity pools, as the AWS mobile and JS SDKs call them:
 * <ul>
 * <li>{@code GetId}: a guest identity (when the pool allows guests; at most {@code guestLimit} per source address and
 * pool per {@code guestWindow}, else {@code TooManyRequestsException}), or, with {@code Logins}, the identity each
 * verified login is linked to — the same login always maps to the same identity;</li>
 * <li>{@code GetCredentialsForIdentity} (the enhanced flow): the unauthenticated role for guests, the authenticated
 * or mapped role ({@link RoleChoice}) for signed-in identities, minted by the shared federated-principal path
 * ({@link FederatedSessions}) as AssumeRoleWithWebIdentity for the {@code Federated} principal
 * {@code cognito-identity.amazonaws.com} with {@code cognito-identity.amazonaws.com:aud} (the pool id),
 * {@code :sub} (the identity id) and {@code :amr} ({@code unauthenticated}, or {@code authenticated} with the
 * provider); a guest that passes its IdentityId with Logins keeps its identity id; the login's claims become
 * principal tags as the pool's {@link PrincipalTagMap} for its provider says; a token Keygate issued to the identity
 * (GetOpenIdTokenForDeveloperIdentity) is accepted as the login {@code cognito-identity.amazonaws.com};</li>
 * <li>{@code GetOpenIdToken} (the basic flow): a token signed by Keygate's issuer for the identity;</li>
 * <li>{@code UnlinkIdentity}: removes logins from an identity its caller proves to own.</li>
 * </ul>
 * Logins are verified by the OIDC pipeline ({@link WebIdentityVerifier}) against the pool's login providers;
 * a refused token is {@code NotAuthorizedException}. Thread-safe.
 */
public final class IdentityCredentials {

    /** The built-in provider name that trust policies name as {@code Federated} principal. */
    public static final String COGNITO = "cognito-identity.amazonaws.com";
    /** AWS's session name for enhanced-flow credentials. */
    static final String SESSION_NAME = "CognitoIdentityCredentials";
    static final Pattern ACCOUNT = Pattern.compile("\\d+");
    private static final SessionInputs.Inputs NO_SESSION_POLICY = new SessionInputs.Inputs(null, List.of(), Map.of(),
            List.of(), 0);

    /**
     * Guest rate limit and the basic flow's token lifetime.
     *
     * @param localCounters whether the guest counters are held on this node (a single-node store), so that counting
     *                      a guest's GetId needs no network round trip: the GetId then starts on the I/O thread and
     *                      is answered once its identity is durable, without holding a worker thread meanwhile
     */
    public record Settings(int guestLimit, Duration guestWindow, Duration tokenLifetime, boolean localCounters) {
    }

    /** Signs the basic flow's tokens ({@code aud} the pool id, {@code sub} the identity id, {@code amr}). */
    @FunctionalInterface
    public interface PoolTokens {
        String issue(IdentityPool pool, String identityId, List<String> amr, Duration lifetime);
    }

    /** A login that passed the OIDC pipeline, under the provider name the caller sent it with. */
    record Login(String provider, VerifiedWebIdentity identity) {
    }

    private final IdentityPoolRepository pools;
    private final OidcProviderRepository providers;
    private final WebIdentityVerifier verifier;
    private final FederatedSessions sessions;
    private final ExpiringEntries counters;
    private final PoolTokens tokens;
    private final PoolTokenVerifier poolTokens;
    private final Settings settings;
    private final Clock clock;

    public IdentityCredentials(IdentityPoolRepository pools, OidcProviderRepository providers,
                               WebIdentityVerifier verifier, FederatedSessions sessions, ExpiringEntries counters,
                               PoolTokens tokens, PoolTokenVerifier poolTokens, Settings settings, Clock clock) {
        this.pools = pools;
        this.providers = providers;
        this.verifier = verifier;
        this.sessions = sessions;
        this.counters = counters;
        this.tokens = tokens;
        this.poolTokens = poolTokens;
        this.settings = settings;
        this.clock = clock;
    }

    public List<PoolOperation> operations() {
        return List.of(
                new PoolOperation("GetId", false, this::getId, settings.localCounters()
                        ? IdentityCredentials::isGuestExchange : input -> false, this::startGetId),
                new PoolOperation("GetCredentialsForIdentity", false, this::getCredentials,
                        IdentityCredentials::isGuestExchange),
                new PoolOperation("GetOpenIdToken", false, this::getOpenIdToken),
                new PoolOperation("UnlinkIdentity", false, this::unlink));
    }

    // ------------------------------------------------------------------ operations

    private ObjectNode getId(PoolRequest in, Caller caller) {
        return Stages.await(startGetId(in, caller));
    }

    /**
     * GetId up to the store write, on the calling thread: the stage completes with the answer once a new guest
     * identity is durable (an identity id answered survives a restart). With logins it links on the calling thread,
     * which must then be a worker (the OIDC pipeline may fetch keys): {@link #isGuestExchange} tells which.
     */
    private CompletionStage<ObjectNode> startGetId(PoolRequest in, Caller caller) {
        String account = in.string("AccountId", false, 1, 15, ACCOUNT);
        String poolId = in.string("IdentityPoolId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        Map<String, String> logins = logins(in, false);
        IdentityPool pool = pools.find(poolId).filter(p -> account == null || p.accountId().equals(account))
                .orElseThrow(() -> IdentityPoolAdmin.notFound(poolId));
        in.about(pool);
        if (logins.isEmpty()) {
            requireGuests(pool);
            throttleGuest(pool, caller);
            String guestId = newIdentityId(pool);
            Instant now = clock.instant();
            return pools.createIdentityAsync(new PoolIdentity(guestId, pool.identityPoolId(), pool.accountId(),
                    Map.of(), List.of(), now, now)).thenApply(durable -> identityIdOutput(guestId));
        }
        return CompletableFuture.completedFuture(identityIdOutput(link(pool, verify(pool, logins), null)));
    }

    private static ObjectNode identityIdOutput(String identityId) {
        return PoolDispatcher.JSON.createObjectNode().put("IdentityId", identityId);
    }

    private ObjectNode getCredentials(PoolRequest in, Caller caller) {
        String id = in.string("IdentityId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        Map<String, String> logins = logins(in, false);
        String custom = in.string("CustomRoleArn", false, 20, 2048, null);
        PoolIdentity identity = identity(id);
        IdentityPool pool = pools.find(identity.poolId()).orElseThrow(() -> IdentityPoolAdmin.identityNotFound(id));
        in.about(pool);
        String identityId = identity.identityId();
        String roleArn;
        List<String> amr;
        List<Map.Entry<String, String>> tags = List.of();
        List<String> poolTokenAmr = logins.containsKey(COGNITO) ? poolTokenLogin(pool, identity, logins) : null;
        if (logins.isEmpty() || poolTokenAmr != null && !poolTokenAmr.contains("authenticated")) {
            requireGuestIdentity(pool, identity);
            roleArn = RoleChoice.guestRole(pool, custom);
            amr = List.of("unauthenticated");
        } else if (poolTokenAmr != null) {
            // a developer-authenticated (or signed-in) identity proving itself with a token Keygate issued it
            roleArn = RoleChoice.role(pool, COGNITO, Map.of(), custom);
            amr = poolTokenAmr;
        } else {
            List<Login> verified = verify(pool, logins);
            identityId = link(pool, verified, identity);
            Login first = verified.get(0);
            roleArn = RoleChoice.role(pool, first.provider(), first.identity().claims(), custom);
            amr = authenticatedAmr(first, caller);
            tags = pool.principalTagMap(first.provider()).tags(first.identity().claims(), first.identity().audience());
        }
        FederatedIdentity federated = federated(pool, identityId, amr, SESSION_NAME, tags);
        FederatedSessions.FederatedSession session;
        try {
            session = sessions.assume(federated, roleArn, null, NO_SESSION_POLICY, caller);
        } catch (AccessDeniedException e) {
            if (e.code() != AwsErrorCode.AccessDenied) {
                throw e;
            }
            throw RoleChoice.noRole();
        }
        ObjectNode out = PoolDispatcher.JSON.createObjectNode().put("IdentityId", identityId);
        out.putObject("Credentials")
                .put("AccessKeyId", session.credentials().accessKeyId())
                .put("SecretKey", session.credentials().secretAccessKey())
                .put("SessionToken", session.credentials().sessionToken())
                .put("Expiration", IdentityPoolAdmin.epoch(session.credentials().expiration()));
        return out;
    }

    private ObjectNode getOpenIdToken(PoolRequest in, Caller caller) {
        String id = in.string("IdentityId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        Map<String, String> logins = logins(in, false);
        PoolIdentity identity = identity(id);
        IdentityPool pool = pools.find(identity.poolId()).orElseThrow(() -> IdentityPoolAdmin.identityNotFound(id));
        in.about(pool);
        if (!pool.allowClassicFlow()) {
            throw PoolRequest.invalid("Basic (classic) flow is not enabled for this identity pool.");
        }
        String identityId;
        List<String> amr;
        if (logins.isEmpty()) {
            requireGuestIdentity(pool, identity);
            identityId = identity.identityId();
            amr = List.of("unauthenticated");
        } else {
            List<Login> verified = verify(pool, logins);
            identityId = link(pool, verified, identity);
            amr = authenticatedAmr(verified.get(0), caller);
        }
        String token = tokens.issue(pool, identityId, amr, settings.tokenLifetime());
        return PoolDispatcher.JSON.createObjectNode().put("IdentityId", identityId).put("Token", token);
    }

    private ObjectNode unlink(PoolRequest in, Caller caller) {
        String id = in.string("IdentityId", true, 1, 55, IdentityPoolAdmin.POOL_ID);
        Map<String, String> logins = logins(in, true);
        List<String> remove = in.stringList("LoginsToRemove", true, 0, 10, 1, 128, null);
        PoolIdentity identity = identity(id);
        IdentityPool pool = pools.find(identity.poolId()).orElseThrow(() -> IdentityPoolAdmin.identityNotFound(id));
        in.about(pool);
        List<Login> verified = verify(pool, logins);
        boolean owns = verified.stream().anyMatch(l -> l.identity().subject()
                .equals(identity.logins().get(l.provider())));
        if (!owns) {
            throw RoleChoice.notAuthorized("Logins don't match. Please include at least one valid login for this "
                    + "identity or identity pool.");
        }
        pools.updateIdentity(id, i -> {
            Map<String, String> left = new LinkedHashMap<>(i.logins());
            for (String provider : remove) {
                String subject = left.remove(provider);
                if (subject != null) {
                    pools.unlink(pool.identityPoolId(), provider, subject);
                }
            }
            return i.withLogins(left, clock.instant());
        });
        return PoolDispatcher.JSON.createObjectNode();
    }

    /**
     * A guest's GetCredentialsForIdentity (no {@code Logins}, or none listed) reads the identity, its pool and the role
     * from memory and mints: it may run on an I/O thread. With logins, the OIDC pipeline may fetch a provider's keys.
     */
    static boolean isGuestExchange(ObjectNode input) {
        JsonNode logins = input.get("Logins");
        return logins == null || logins.isNull() || logins.isObject() && logins.isEmpty();
    }

    // ------------------------------------------------------------------ steps

    /** {@code Logins}: provider name → token, at most 10. */
    private static Map<String, String> logins(PoolRequest in, boolean required) {
        return in.stringMap("Logins", required, 10, 1, 128, null, 1, 50_000, null);
    }

    private PoolIdentity identity(String id) {
        return pools.identity(id).orElseThrow(() -> IdentityPoolAdmin.identityNotFound(id));
    }

    private static void requireGuests(IdentityPool pool) {
        if (!pool.allowUnauthenticatedIdentities()) {
            throw RoleChoice.notAuthorized("Unauthenticated access is not supported for this identity pool.");
        }
    }

    /** A call without Logins is a guest's: the identity must be a guest's and the pool must allow guests. */
    private static void requireGuestIdentity(IdentityPool pool, PoolIdentity identity) {
        if (!identity.isGuest()) {
            throw RoleChoice.notAuthorized("Logins don't match. Please include at least one valid login for this "
                    + "identity or identity pool.");
        }
        requireGuests(pool);
    }

    /** Counts guest GetId calls per source address and pool; over the limit is TooManyRequestsException. */
    private void throttleGuest(IdentityPool pool, Caller caller) {
        String source = caller.facts().sourceIp() == null ? "unknown" : caller.facts().sourceIp();
        long count = counters.increment("pool-guest/" + pool.identityPoolId() + "/" + source, 1,
                settings.guestWindow());
        if (count > settings.guestLimit()) {
            throw new ServiceFailureException(AwsErrorCode.TooManyRequestsException, "Rate exceeded: too many "
                    + "unauthenticated GetId requests from this source for the identity pool; retry later.");
        }
    }

    /**
     * The {@code Logins} entry {@code cognito-identity.amazonaws.com}: a token Keygate's pool issuer signed
     * (GetOpenIdTokenForDeveloperIdentity, GetOpenIdToken) for this very identity of this pool, sent alone. AWS's
     * enhanced flow for developer-authenticated identities; the classic flow need not be enabled for it.
     *
     * @return the token's {@code amr}
     */
    private List<String> poolTokenLogin(IdentityPool pool, PoolIdentity identity, Map<String, String> logins) {
        if (logins.size() != 1) {
            throw PoolRequest.invalid("The login " + COGNITO + " cannot be combined with other logins.");
        }
        PoolTokenVerifier.PoolLogin login;
        try {
            login = poolTokens.login(logins.get(COGNITO));
        } catch (FederationRejectedException refused) {
            throw RoleChoice.notAuthorized("Invalid login token. " + refused.getMessage());
        }
        if (!login.poolId().equals(pool.identityPoolId()) || !login.identityId().equals(identity.identityId())) {
            throw RoleChoice.notAuthorized("Invalid login token. The token was not issued for this identity.");
        }
        return login.amr();
    }

    /** Every login through the OIDC pipeline, each against the provider it is sent for, which the pool must use. */
    private List<Login> verify(IdentityPool pool, Map<String, String> logins) {
        List<String> oidc = IdentityPoolAdmin.oidcIds(pool);
        List<Login> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(logins).entrySet()) {
            String provider = e.getKey();
            String clientId = pool.supportedLoginProviders().get(provider);
            if (clientId == null && !oidc.contains(provider)) {
                throw RoleChoice.notAuthorized("Invalid login token. The login provider " + PoolRequest.echo(provider)
                        + " is not configured for this identity pool.");
            }
            VerifiedWebIdentity verified;
            try {
                verified = verifier.verify(e.getValue(), id -> id.equals(provider)
                        ? providers.find(pool.accountId(), id) : Optional.empty());
            } catch (FederationRejectedException refused) {
                if (refused.code() == AwsErrorCode.IDPCommunicationError) {
                    throw refused;
                }
                throw RoleChoice.notAuthorized("Invalid login token. " + refused.getMessage());
            }
            if (clientId != null && !verified.audiences().contains(clientId)
                    && !clientId.equals(verified.stringClaim("azp"))) {
                throw RoleChoice.notAuthorized("Invalid login token. Incorrect token audience.");
            }
            out.add(new Login(provider, verified));
        }
        return out;
    }

    /**
     * The identity the verified logins map to. Every login links to one identity: the one it is already linked to,
     * else {@code current} when the caller named an identity that is a guest or already holds one of the logins
     * (a guest signing in keeps its id), else a new identity.
     */
    private String link(IdentityPool pool, List<Login> logins, PoolIdentity current) {
        if (current != null && !current.poolId().equals(pool.identityPoolId())) {
            throw IdentityPoolAdmin.identityNotFound(current.identityId());
        }
        if (current != null && !current.isGuest() && logins.stream().noneMatch(l -> l.identity().subject()
                .equals(current.logins().get(l.provider())))) {
            throw RoleChoice.notAuthorized("Logins don't match. Please include at least one valid login for this "
                    + "identity or identity pool.");
        }
        String candidate = current != null ? current.identityId() : newIdentityId(pool);
        String linked = null;
        for (Login login : logins) {
            String got = pools.link(pool.identityPoolId(), login.provider(), login.identity().subject(),
                    linked == null ? candidate : linked);
            if (linked == null) {
                linked = got;
            } else if (!got.equals(linked)) {
                throw new EntityException(AwsErrorCode.ResourceConflictException, "The logins are linked to "
                        + "different identities of the identity pool.");
            }
        }
        Map<String, String> added = new LinkedHashMap<>();
        logins.forEach(l -> added.put(l.provider(), l.identity().subject()));
        String result = linked;
        if (pools.identity(result).isEmpty()) {
            pools.createIdentity(new PoolIdentity(result, pool.identityPoolId(), pool.accountId(), added,
                    List.of(), clock.instant(), clock.instant()));
        } else {
            pools.updateIdentity(result, i -> {
                Map<String, String> merged = new LinkedHashMap<>(i.logins());
                merged.putAll(added);
                return merged.equals(i.logins()) ? i : i.withLogins(merged, clock.instant());
            });
        }
        return result;
    }

    private static String newIdentityId(IdentityPool pool) {
        return pool.region() + ":" + UUID.randomUUID();
    }

    /** {@code amr} of a signed-in identity: {@code authenticated}, the provider, and the provider ARN with the sub. */
    private static List<String> authenticatedAmr(Login login, Caller caller) {
        return List.of("authenticated", login.provider(), login.identity().provider().arn(caller.partition())
                + ":OAuth:" + login.identity().subject());
    }

    /** The identity as the shared federated path sees it: the built-in Cognito principal, the pool's account. */
    static FederatedIdentity federated(IdentityPool pool, String identityId, List<String> amr, String sessionName) {
        return federated(pool, identityId, amr, sessionName, List.of());
    }

    /**
     * As {@link #federated(IdentityPool, String, List, String)}, with principal tags from the login's claims: the
     * shared path applies AssumeRole's session-tag rules to them and needs {@code sts:TagSession} in the trust.
     */
    static FederatedIdentity federated(IdentityPool pool, String identityId, List<String> amr, String sessionName,
                                       List<Map.Entry<String, String>> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put(COGNITO + ":aud", List.of(pool.identityPoolId()));
        keys.put(COGNITO + ":sub", List.of(identityId));
        keys.put(COGNITO + ":amr", amr);
        Map<String, String> session = new LinkedHashMap<>();
        session.put(COGNITO + ":sub", identityId);
        session.put(COGNITO + ":aud", pool.identityPoolId());
        return new FederatedIdentity(IssuingAction.AssumeRoleWithWebIdentity, COGNITO, identityId, sessionName, keys,
                session, tags, List.of(), null, null, null, pool.accountId());
    }
}
