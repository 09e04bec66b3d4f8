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
import org.infinispan.context.Flag;

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

    /** The entries of this namespace, keys without the prefix; a snapshot. */
    public Stream<Map.Entry<String, String>> entries() {
        // CACHE_MODE_LOCAL: every node holds every entity (replicated), so a list never asks another node.
        return c().getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> Map.entry(e.getKey().substring(prefix.length()), e.getValue()))
                .toList()
                .stream();
    }

    /**
     * The entries whose key starts with {@code keyPrefix} (keys without the namespace prefix), in key order, found
     * through the key index: the cost grows with the number of matching entries, not with the store's size.
     */
    public Stream<Map.Entry<String, String>> entriesWithPrefix(String keyPrefix) {
        Cache<String, String> local = c().getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL);
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (String key : index.get().withPrefix(k(keyPrefix))) {
            String value = local.get(key);
            if (value != null) {
                found.add(Map.entry(key.substring(prefix.length()), value));
            }
        }
        return found.stream();
    }

    public boolean isEmpty() {
        return entries().findAny().isEmpty();
    }
}
