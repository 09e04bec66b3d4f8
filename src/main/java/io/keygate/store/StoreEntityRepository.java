package io.keygate.store;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;
import io.keygate.iam.EntityRepository;

/**
 * Named entities of one kind in one cache, keyed by {@code <account>/<lower-case name>} so names are unique per
 * account case-insensitively. Every write is one single-key conditional operation.
 *
 * @param <T> the entity record
 */
class StoreEntityRepository<T> implements EntityRepository<T> {

    /** How long a quota lease holds if its node dies before it lets go. */
    static final Duration QUOTA_LEASE = Duration.ofSeconds(10);
    /** How long a create waits for the lease before it answers that the service is busy. */
    static final Duration QUOTA_WAIT = Duration.ofSeconds(5);

    private final JsonCache<T> cache;
    private final Function<T, String> account;
    private final Function<T, String> name;
    private final Namespace leases;
    private final String cacheName;

    StoreEntityRepository(InfinispanStore store, String cacheName, Class<T> type, Function<T, String> account,
                          Function<T, String> name) {
        this.cache = new JsonCache<>(store.namespace(cacheName), type);
        this.account = account;
        this.name = name;
        this.leases = store.namespace("quota-leases");
        this.cacheName = cacheName;
    }

    /**
     * Counts and creates under a lease on {@code <kind>/<account>} taken in the replicated cache with
     * {@code putIfAbsent} (atomic cluster-wide), so that creates racing on several nodes for the last free slot
     * cannot both pass: the account-wide quota holds cluster-wide. A lease whose node died expires after
     * {@link #QUOTA_LEASE}; on a node cut off from its cluster taking the lease is a write, refused like any other.
     */
    @Override
    public Created create(T entity, String accountId, int quota) {
        String lease = cacheName + "/" + accountId;
        String holder = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + QUOTA_WAIT.toNanos();
        while (!leases.putIfAbsent(lease, holder, QUOTA_LEASE)) {
            if (System.nanoTime() > deadline) {
                throw new ServiceFailureException(AwsErrorCode.ServiceUnavailable, "Too many concurrent creates "
                        + "in this account; retry the request.");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceFailureException(AwsErrorCode.ServiceUnavailable, "Interrupted; retry the request.");
            }
        }
        try {
            if (list(accountId).size() >= quota) {
                return Created.OVER_QUOTA;
            }
            return create(entity) ? Created.CREATED : Created.EXISTS;
        } finally {
            leases.remove(lease, holder);
        }
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
