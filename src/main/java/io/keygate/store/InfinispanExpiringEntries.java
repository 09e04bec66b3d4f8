package io.keygate.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.infinispan.Cache;

import io.keygate.expiry.ExpiringEntries;

/**
 * {@link ExpiringEntries} in the store's cache of expiring entries. Every operation is a single-key atomic
 * operation of Infinispan ({@code putIfAbsent}, {@code replace}, {@code remove}), so it stays atomic when the cache
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
        long ms = millis(lifespan);
        return StoreUnavailable.call(() -> c().putIfAbsent(key, value, ms, TimeUnit.MILLISECONDS)) == null;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(StoreUnavailable.call(() -> c().get(key)));
    }

    @Override
    public Optional<String> take(String key) {
        return Optional.ofNullable(StoreUnavailable.call(() -> c().remove(key)));
    }

    /**
     * A compare-and-set loop of conditional writes rather than {@code compute}: a function cannot be sent to the
     * key's owner in a cluster (it is not marshallable), conditional writes can, and each is atomic on the owner.
     */
    @Override
    public long increment(String key, long delta, Duration lifespan) {
        long ms = millis(lifespan);
        for (int attempt = 0; ; attempt++) {
            String old = StoreUnavailable.call(() -> c().get(key));
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
            long updated = value + delta;
            String next = updated + ":" + expiry;
            long remaining = Math.max(1, expiry - now);
            boolean stored = old == null
                    ? StoreUnavailable.call(() -> c().putIfAbsent(key, next, remaining, TimeUnit.MILLISECONDS)) == null
                    : StoreUnavailable.call(() -> c().replace(key, old, next, remaining, TimeUnit.MILLISECONDS));
            if (stored) {
                return updated;
            }
            if (attempt > 3) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public boolean remove(String key) {
        return StoreUnavailable.call(() -> c().remove(key)) != null;
    }
}
