package io.keygate.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import io.keygate.pool.IdentityPool;
import io.keygate.pool.IdentityPoolRepository;
import io.keygate.pool.PoolIdentity;

/**
 * Identity pools in {@code identity-pools} (by pool id) with the index {@code identity-pools-by-account}
 * ({@code <account>/<pool id>}); identities in {@code pool-identities} (by identity id) with the index
 * {@code pool-identities-by-pool} ({@code <pool id>/<identity id>}); login links in {@code pool-logins}
 * ({@code <pool id>|<provider>|<subject>} → identity id, written by put-if-absent so a login maps to one identity).
 */
public final class StoreIdentityPoolRepository implements IdentityPoolRepository {

    private final JsonCache<IdentityPool> pools;
    private final Namespace poolsByAccount;
    private final JsonCache<PoolIdentity> identities;
    private final Namespace identitiesByPool;
    private final Namespace logins;

    public StoreIdentityPoolRepository(InfinispanStore store) {
        this.pools = new JsonCache<>(store.namespace("identity-pools"), IdentityPool.class);
        this.poolsByAccount = store.namespace("identity-pools-by-account");
        this.identities = new JsonCache<>(store.namespace("pool-identities"), PoolIdentity.class);
        this.identitiesByPool = store.namespace("pool-identities-by-pool");
        this.logins = store.namespace("pool-logins");
    }

    @Override
    public Optional<IdentityPool> find(String poolId) {
        return pools.get(poolId);
    }

    @Override
    public boolean create(IdentityPool pool) {
        if (!pools.putIfAbsent(pool.identityPoolId(), pool)) {
            return false;
        }
        poolsByAccount.put(pool.accountId() + "/" + pool.identityPoolId(), pool.identityPoolId());
        return true;
    }

    @Override
    public Optional<IdentityPool> update(String poolId, UnaryOperator<IdentityPool> change) {
        return pools.update(poolId, change);
    }

    @Override
    public Optional<IdentityPool> delete(String poolId) {
        Optional<IdentityPool> removed = pools.removeChecked(poolId, p -> { });
        removed.ifPresent(p -> {
            poolsByAccount.remove(p.accountId() + "/" + poolId);
            identities(poolId).forEach(i -> deleteIdentity(i.identityId()));
        });
        return removed;
    }

    @Override
    public List<IdentityPool> list(String accountId) {
        return poolsByAccount.entriesWithPrefix(accountId + "/")
                .map(e -> pools.get(e.getValue()))
                .flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(IdentityPool::identityPoolId))
                .toList();
    }

    @Override
    public Optional<PoolIdentity> identity(String identityId) {
        return identities.get(identityId);
    }

    /**
     * Writes the identity and its pool index entry together: both are started before either is awaited, so the file
     * store forces them to disk with one sync (shared with every other write in flight, such as the other guests'
     * GetId) rather than one sync after the other. The stage completes once both are durable.
     */
    @Override
    public CompletableFuture<Void> createIdentityAsync(PoolIdentity identity) {
        return StoreUnavailable.allOf(
                identities.putIfAbsentAsync(identity.identityId(), identity),
                identitiesByPool.putAsync(identity.poolId() + "/" + identity.identityId(), identity.identityId()));
    }

    @Override
    public Optional<PoolIdentity> updateIdentity(String identityId, UnaryOperator<PoolIdentity> change) {
        return identities.update(identityId, change);
    }

    @Override
    public Optional<PoolIdentity> deleteIdentity(String identityId) {
        Optional<PoolIdentity> removed = identities.removeChecked(identityId, i -> { });
        removed.ifPresent(i -> {
            identitiesByPool.remove(i.poolId() + "/" + identityId);
            i.logins().forEach((provider, subject) -> logins.remove(loginKey(i.poolId(), provider, subject),
                    identityId));
            i.developerUserIdentifiers().forEach(user -> logins.remove(loginKey(i.poolId(),
                    io.keygate.pool.DeveloperIdentities.LINK_PREFIX, user), identityId));
        });
        return removed;
    }

    @Override
    public List<PoolIdentity> identities(String poolId) {
        return identitiesByPool.entriesWithPrefix(poolId + "/")
                .map(e -> identities.get(e.getValue()))
                .flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(PoolIdentity::identityId))
                .toList();
    }

    @Override
    public String link(String poolId, String provider, String subject, String candidate) {
        String key = loginKey(poolId, provider, subject);
        for (int attempt = 0; attempt < 10; attempt++) {
            if (logins.putIfAbsent(key, candidate)) {
                return candidate;
            }
            String linked = logins.get(key);
            if (linked != null) {
                return linked;
            }
        }
        throw new IllegalStateException("login link kept changing");
    }

    @Override
    public Optional<String> linked(String poolId, String provider, String subject) {
        return Optional.ofNullable(logins.get(loginKey(poolId, provider, subject)));
    }

    @Override
    public void relink(String poolId, String provider, String subject, String identityId) {
        logins.put(loginKey(poolId, provider, subject), identityId);
    }

    @Override
    public void unlink(String poolId, String provider, String subject) {
        logins.remove(loginKey(poolId, provider, subject));
    }

    private static String loginKey(String poolId, String provider, String subject) {
        return poolId + "|" + provider + "|" + subject;
    }
}
