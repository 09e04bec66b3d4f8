package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.keygate.iam.EntityRepository;

/**
 * Named entities of one kind in one cache, keyed by {@code <account>/<lower-case name>} so names are unique per
 * account case-insensitively. Every write is one single-key conditional operation.
 *
 * @param <T> the entity record
 */
class StoreEntityRepository<T> implements EntityRepository<T> {

    private final JsonCache<T> cache;
    private final Function<T, String> account;
    private final Function<T, String> name;
    private final String kind;
    private final QuotaLeases leases;

    StoreEntityRepository(InfinispanStore store, String cacheName, Class<T> type, Function<T, String> account,
                          Function<T, String> name) {
        this.cache = new JsonCache<>(store.namespace(cacheName), type);
        this.account = account;
        this.name = name;
        this.kind = cacheName;
        this.leases = new QuotaLeases(store);
    }

    static String key(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<T> find(String accountId, String entityName) {
        return cache.get(key(accountId, entityName));
    }

    @Override
    public boolean create(T entity) {
        return cache.putIfAbsent(key(account.apply(entity), name.apply(entity)), entity);
    }

    /**
     * Counts the account's entities of this kind and creates under the lease {@code <kind>/<account>} (see
     * {@link QuotaLeases}), so that the quota holds cluster-wide: creates racing on several nodes for the last free
     * slot cannot both pass. Every create that held the lease before has reached every node before it let go, so
     * the count sees it.
     */
    @Override
    public Created create(T entity, String accountId, int quota) {
        return leases.holding(kind + "/" + accountId, () -> {
            if (cache.countWithKeyPrefix(accountId + "/") >= quota) {
                return Created.OVER_QUOTA;
            }
            return create(entity) ? Created.CREATED : Created.EXISTS;
        });
    }

    @Override
    public Optional<T> update(String accountId, String entityName, UnaryOperator<T> change) {
        return cache.update(key(accountId, entityName), change);
    }

    @Override
    public Optional<T> delete(String accountId, String entityName, Consumer<T> check) {
        return cache.removeChecked(key(accountId, entityName), check);
    }

    /** Unconditional delete. */
    public boolean delete(String accountId, String entityName) {
        return cache.remove(key(accountId, entityName));
    }

    @Override
    public List<T> list(String accountId) {
        return cache.valuesWithKeyPrefix(accountId + "/")
                .sorted(Comparator.comparing(e -> name.apply(e).toLowerCase(Locale.ROOT)))
                .toList();
    }
}
