package io.keygate.store;

import java.time.Duration;
import java.util.Map;
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
    private final String prefix;
    private volatile Cache<String, String> cache;

    Namespace(Supplier<Cache<String, String>> opening, String name) {
        this.opening = opening;
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
        return c().get(k(key));
    }

    public boolean containsKey(String key) {
        return c().containsKey(k(key));
    }

    public void put(String key, String value) {
        c().put(k(key), value);
    }

    public void put(String key, String value, Duration lifespan) {
        c().put(k(key), value, lifespan.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True if stored (the key was absent). */
    public boolean putIfAbsent(String key, String value) {
        return c().putIfAbsent(k(key), value) == null;
    }

    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return c().putIfAbsent(k(key), value, lifespan.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    public boolean replace(String key, String expected, String value) {
        return c().replace(k(key), expected, value);
    }

    public boolean replace(String key, String expected, String value, Duration lifespan) {
        return c().replace(k(key), expected, value, lifespan.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Removes the key; true if it was present. */
    public boolean remove(String key) {
        return c().remove(k(key)) != null;
    }

    /** Removes the key if it still holds {@code expected}. */
    public boolean remove(String key, String expected) {
        return c().remove(k(key), expected);
    }

    /** The entries of this namespace, keys without the prefix; a snapshot. */
    public Stream<Map.Entry<String, String>> entries() {
        return c().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> Map.entry(e.getKey().substring(prefix.length()), e.getValue()))
                .toList()
                .stream();
    }

    public boolean isEmpty() {
        return entries().findAny().isEmpty();
    }
}
