package io.keygate.expiry;

import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived entries that expire on their own, shared by every node of a cluster. Each operation is atomic on its
 * key (cluster-wide once the store is clustered), so a check and its update can never be split by a parallel
 * request: use {@link #putIfAbsent} for "first use wins" (replay caches, used one-time codes), {@link #take} for
 * single-use tokens, and {@link #increment} for counters (throttling).
 *
 * <p>Keys are chosen by the caller and should start with a kind prefix ({@code saml-replay/}, {@code mfa-used/},
 * {@code signin/}, …) so that kinds never collide. Values are opaque strings. Implementations are thread-safe.
 */
public interface ExpiringEntries {

    /**
     * Stores {@code value} under {@code key} until {@code lifespan} has passed, unless the key is present.
     *
     * @return true if this call stored it (the key was absent: first use), false if it was already there
     */
    boolean putIfAbsent(String key, String value, Duration lifespan);

    /** The value under {@code key}, if present and not expired. */
    Optional<String> get(String key);

    /**
     * Removes {@code key} and returns the value it held, atomically: of several parallel calls for one key, exactly
     * one gets the value (single-use tokens).
     */
    Optional<String> take(String key);

    /**
     * Adds {@code delta} to the counter under {@code key} and returns the new value, atomically. An absent (or
     * expired) counter starts at 0 and lives for {@code lifespan} from this call; later increments keep its
     * original expiry, so a window of {@code lifespan} counts every increment made in it.
     */
    long increment(String key, long delta, Duration lifespan);

    /** Removes {@code key}; true if it was present. */
    boolean remove(String key);
}
