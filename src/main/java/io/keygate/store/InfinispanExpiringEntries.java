package io.keygate.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.infinispan.Cache;

import io.keygate.expiry.ExpiringEntries;

/**
 * {@link ExpiringEntries} in the store's cache of expiring entries. Every operation is a single-key atomic
 * operation of Infinispan ({@code putIfAbsent}, {@code remove}, {@code compute}), so it stays atomic when the cache
 * is clustered. Counters are stored as {@code <value>:<expiry epoch millis>} so that an increment keeps the expiry
 * of the window it counts in.
 *
 * <p>Thread-safe.
 */
public final class InfinispanExpiringEntries implements ExpiringEntries {

    private final Supplier<Cache<String, String>> opening;
    private volatile Cache<String, String> cache;

    InfinispanExpiringEntries(Supplier<Cache<String, String>> opening) {
        this.opening = opening;
    }

    private Cache<String, String> c() {
        Cache<String, String> resolved = cache;
        if (resolved == null) {
            resolved = opening.get();
            cache = resolved;
        }
        return resolved;
    }

    private static long millis(Duration lifespan) {
        long ms = lifespan.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("lifespan must be positive");
        }
        return ms;
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return c().putIfAbsent(key, value, millis(lifespan), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(c().get(key));
    }

    @Override
    public Optional<String> take(String key) {
        return Optional.ofNullable(c().remove(key));
    }

    @Override
    public long increment(String key, long delta, Duration lifespan) {
        long ms = millis(lifespan);
        long[] result = new long[1];
        c().compute(key, (k, old) -> {
            long now = System.currentTimeMillis();
            long value = 0;
            long expiry = now + ms;
            if (old != null) {
                int colon = old.indexOf(':');
                long oldExpiry = Long.parseLong(old.substring(colon + 1));
                if (oldExpiry > now) {
                    value = Long.parseLong(old, 0, colon, 10);
                    expiry = oldExpiry;
                }
            }
            result[0] = value + delta;
            return result[0] + ":" + expiry;
        }, ms, TimeUnit.MILLISECONDS);
        return result[0];
    }

    @Override
    public boolean remove(String key) {
        return c().remove(key) != null;
    }
}
