package io.keygate.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.keygate.expiry.ExpiringEntries;

/**
 * The replay ids, which live in a cache of their own, and those that versions before it kept among the other
 * expiring entries: an id recorded there before an upgrade still counts as used until it expires, so an assertion
 * used just before the upgrade cannot be replayed after it. New ids are only written to the replay cache.
 *
 * <p>Thread-safe.
 */
final class ReplayEntries implements ExpiringEntries {

    private final ExpiringEntries replays;
    private final ExpiringEntries earlier;

    ReplayEntries(ExpiringEntries replays, ExpiringEntries earlier) {
        this.replays = Objects.requireNonNull(replays, "replays");
        this.earlier = Objects.requireNonNull(earlier, "earlier");
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return earlier.get(key).isEmpty() && replays.putIfAbsent(key, value, lifespan);
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> found = replays.get(key);
        return found.isPresent() ? found : earlier.get(key);
    }

    @Override
    public Optional<String> take(String key) {
        Optional<String> taken = replays.take(key);
        return taken.isPresent() ? taken : earlier.take(key);
    }

    @Override
    public long increment(String key, long delta, Duration lifespan) {
        return replays.increment(key, delta, lifespan);
    }

    @Override
    public boolean remove(String key) {
        return replays.remove(key) | earlier.remove(key);
    }
}
