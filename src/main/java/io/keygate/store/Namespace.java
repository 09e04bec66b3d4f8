package io.keygate.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.infinispan.Cache;
import org.infinispan.commons.util.CloseableIterator;
import org.infinispan.context.Flag;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;

/**
 * One kind of entry (users, roles, revocations, …) inside the single persistent cache: every key is stored with
 * the namespace's prefix, so the kinds never collide and one soft-index file store serves them all (each extra
 * store costs start-up time and file handles). Single-key operations stay atomic.
 *
 * <p>Thread-safe.
 */
public final class Namespace {

    private final Supplier<Cache<String, String>> opening;
    private final Supplier<KeyIndex> index;
    private final String prefix;
    private volatile Cache<String, String> cache;

    Namespace(Supplier<Cache<String, String>> opening, Supplier<KeyIndex> index, String name) {
        this.opening = opening;
        this.index = index;
        this.prefix = name + '\u0000';
    }

    /** The cache, resolved on first use (the store may still be opening when repositories are built). */
    private Cache<String, String> c() {
        Cache<String, String> resolved = cache;
        if (resolved == null) {
            // Every entry is in memory (the store is preloaded and nothing is evicted), so the file store is only
            // written, never read: a miss would otherwise search the store's index on disk (tens of microseconds).
            resolved = opening.get().getAdvancedCache().withFlags(Flag.SKIP_CACHE_LOAD);
            cache = resolved;
        }
        return resolved;
    }

    private String k(String key) {
        return prefix.concat(key);
    }

    public String get(String key) {
        return StoreUnavailable.call(() -> c().get(k(key)));
    }

    public boolean containsKey(String key) {
        return StoreUnavailable.call(() -> c().containsKey(k(key)));
    }

    public void put(String key, String value) {
        StoreUnavailable.run(() -> c().put(k(key), value));
    }

    public void put(String key, String value, Duration lifespan) {
        StoreUnavailable.run(() -> c().put(k(key), value, lifespan.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** True if stored (the key was absent). */
    public boolean putIfAbsent(String key, String value) {
        return StoreUnavailable.call(() -> c().putIfAbsent(k(key), value)) == null;
    }

    /**
     * As {@link #putIfAbsent(String, String)}, without waiting: the stage completes, true if stored, once the write
     * is durable. Writes started together before any is awaited reach the file store together and are forced to
     * disk by one sync (see {@link StoreUnavailable#awaitAll}).
     */
    public CompletableFuture<Boolean> putIfAbsentAsync(String key, String value) {
        return StoreUnavailable.call(() -> c().putIfAbsentAsync(k(key), value)).thenApply(Objects::isNull);
    }

    /** As {@link #put(String, String)}, without waiting: the stage completes once the write is durable. */
    public CompletableFuture<Void> putAsync(String key, String value) {
        return StoreUnavailable.call(() -> c().putAsync(k(key), value)).thenApply(previous -> null);
    }

    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return StoreUnavailable.call(() -> c().putIfAbsent(k(key), value, lifespan.toMillis(),
                TimeUnit.MILLISECONDS)) == null;
    }

    public boolean replace(String key, String expected, String value) {
        return StoreUnavailable.call(() -> c().replace(k(key), expected, value));
    }

    public boolean replace(String key, String expected, String value, Duration lifespan) {
        return StoreUnavailable.call(() -> c().replace(k(key), expected, value, lifespan.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** Removes the key; true if it was present. */
    public boolean remove(String key) {
        return StoreUnavailable.call(() -> c().remove(k(key))) != null;
    }

    /** Removes the key if it still holds {@code expected}. */
    public boolean remove(String key, String expected) {
        return StoreUnavailable.call(() -> c().remove(k(key), expected));
    }

    /**
     * The entries of this namespace, keys without the prefix, in key order; a snapshot, found through the key index
     * (see {@link #entriesWithPrefix}): listing the accounts does not walk every identity and user of the store.
     *
     * @throws io.keygate.error.ServiceFailureException {@code ServiceUnavailable} while this node catches up with
     *                                                  its cluster (see {@link #scan})
     */
    public Stream<Map.Entry<String, String>> entries() {
        return entriesWithPrefix("");
    }

    /**
     * The entries whose key starts with {@code keyPrefix} (keys without the namespace prefix), in key order, found
     * through the key index: the cost grows with the number of matching entries, not with the store's size.
     *
     * @throws io.keygate.error.ServiceFailureException {@code ServiceUnavailable} while this node catches up with
     *                                                  its cluster (see {@link #scan})
     */
    public Stream<Map.Entry<String, String>> entriesWithPrefix(String keyPrefix) {
        Cache<String, String> cache = c();
        KeyIndex keys = index.get();
        if (!LocalCopy.complete(cache) || keys.seededThrough() < LocalCopy.topologyId(cache)) {
            // merging back (refused), or the index has not taken in the last state transfer yet
            List<Map.Entry<String, String>> found = scan(k(keyPrefix));
            found.sort(Map.Entry.comparingByKey());
            return found.stream();
        }
        Cache<String, String> local = cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL);
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (String key : keys.withPrefix(k(keyPrefix))) {
            String value = local.get(key);
            if (value != null) {
                found.add(Map.entry(key.substring(prefix.length()), value));
            }
        }
        return found.stream();
    }

    /** How many entries have a key that starts with {@code keyPrefix}, read as {@link #entriesWithPrefix}. */
    public long countWithPrefix(String keyPrefix) {
        return entriesWithPrefix(keyPrefix).count();
    }

    /**
     * Every entry whose full key starts with {@code fullPrefix}, by a scan of this node's memory: every
     * node holds every entity (replicated cache), so a list never asks another node. A node that merged back after a
     * split and waits for the available side's state holds no complete copy, and Infinispan would scan its local
     * memory all the same: it refuses with {@code ServiceUnavailable} (SDKs retry) rather than answer from a partial
     * copy. Reads by key keep working meanwhile (they go to the owners).
     */
    private List<Map.Entry<String, String>> scan(String fullPrefix) {
        Cache<String, String> cache = c();
        if (!LocalCopy.complete(cache)) {
            throw new ServiceFailureException(AwsErrorCode.ServiceUnavailable, StoreUnavailable.CATCHING_UP);
        }
        List<Map.Entry<String, String>> found = new ArrayList<>();
        try (CloseableIterator<Map.Entry<String, String>> all =
                     cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).entrySet().iterator()) {
            while (all.hasNext()) {
                Map.Entry<String, String> e = all.next();
                if (e.getKey().startsWith(fullPrefix)) {
                    found.add(Map.entry(e.getKey().substring(prefix.length()), e.getValue()));
                }
            }
        }
        return found;
    }

    public boolean isEmpty() {
        return entries().findAny().isEmpty();
    }
}
