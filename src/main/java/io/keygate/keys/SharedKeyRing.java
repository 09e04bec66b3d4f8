package io.keygate.keys;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.keygate.credentials.CurrentKeyRing;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SealedSecretException;
import io.keygate.credentials.SecretSealer;
import io.keygate.keys.SharedKeyRingStore.StoredRing;

/**
 * Keeps this node's {@link CurrentKeyRing} in step with the ring the cluster shares in its store, so that a rotation
 * made on one node is in force on every node within seconds, without a restart.
 *
 * <ul>
 * <li>{@link #join()} at start: the first node publishes its configured ring; a later one takes the stored ring,
 *     plus any key its own configuration adds (a key added by hand, the later-created active key wins).</li>
 * <li>{@link #change} (a rotation, a retirement): reads the stored ring, applies the change, publishes it by
 *     compare-and-set (retrying when another node came first) and puts it in force here.</li>
 * <li>{@link #refresh()}: takes a newer stored ring into force. The edge calls it every second, and the ring calls
 *     it when a token or sealed secret names a key it lacks, so a token minted on the rotating node right after the
 *     rotation already verifies here (the store writes synchronously to every node before the rotation returns).</li>
 * </ul>
 *
 * <p>The stored ring is sealed ({@link SecretSealer}, context {@value #CONTEXT}) under the oldest key it shares with
 * the ring stored before it: every node holds that key, having taken the previous ring into force, and a node
 * restarting from its configured ring opens it as long as a configured key is still in the ring. Each ring taken
 * into force is also handed to {@code keep} (the node's ring file, where it has one) for single-node durability.
 *
 * <p>Thread-safe: changes and refreshes are serialised. Logs name key ids only, never key material.
 */
public final class SharedKeyRing {

    /** The associated data of the sealed ring: a sealed ring never opens as another secret, nor the reverse. */
    public static final String CONTEXT = "keygate/key-ring";
    private static final int ATTEMPTS = 10;
    private static final System.Logger LOG = System.getLogger(SharedKeyRing.class.getName());

    private final CurrentKeyRing current;
    private final SharedKeyRingStore store;
    private final Consumer<KeyRing> keep;
    private final Clock clock;
    private volatile StoredRing seen;
    private String kept;
    private long unopened = -1;

    /**
     * @param current the ring in force here, holding the configured ring until {@link #join()}
     * @param keep    writes a ring taken into force where this node keeps its own copy (may do nothing)
     */
    public SharedKeyRing(CurrentKeyRing current, SharedKeyRingStore store, Consumer<KeyRing> keep, Clock clock) {
        this.current = Objects.requireNonNull(current, "current");
        this.store = Objects.requireNonNull(store, "store");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kept = current.get().encode();
        current.onUnknownKey(this::refresh);
    }

    /** The ring in force on this node. */
    public CurrentKeyRing current() {
        return current;
    }

    /**
     * Publishes the configured ring if none is stored, else takes the stored one into force with the configured
     * keys it lacks.
     *
     * @return the ring in force afterwards
     * @throws IllegalStateException if the stored ring is sealed under a key the configured ring lacks
     */
    public synchronized KeyRing join() {
        KeyRing configured = current.get();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredRing> stored = store.read();
            if (stored.isEmpty()) {
                StoredRing first = seal(configured, configured, 1);
                if (store.publish(null, first)) {
                    adopt(first, configured);
                    return configured;
                }
                continue;
            }
            KeyRing shared;
            try {
                shared = open(stored.get(), configured);
            } catch (SealedSecretException e) {
                throw new IllegalStateException("The cluster's key ring (version " + stored.get().version()
                        + ") is sealed under key " + sealingKid(stored.get()) + ", which this node's key ring "
                        + configured.kids() + " lacks: start this node with the cluster's current ring (the keyring "
                        + "file of a running node, or a KEYGATE_KEYS_RING holding that key).");
            }
            KeyRing merged = shared.union(configured);
            if (merged.encode().equals(shared.encode())) {
                adopt(stored.get(), shared);
                return shared;
            }
            StoredRing next = seal(merged, shared, stored.get().version() + 1);
            if (store.publish(stored.get(), next)) {
                adopt(next, merged);
                return merged;
            }
        }
        throw new IllegalStateException("The cluster's key ring kept changing while this node joined; start it again.");
    }

    /** Adds a new key to the shared ring and makes it active everywhere; the older keys keep decrypting. */
    public KeyRing rotate() {
        return change(ring -> ring.rotate(clock));
    }

    /**
     * Applies {@code change} to the stored ring (this node's ring if none is stored yet), publishes the result and
     * puts it in force here. {@code change} may run more than once and must have no side effects.
     */
    public synchronized KeyRing change(UnaryOperator<KeyRing> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredRing> stored = store.read();
            KeyRing base = stored.isPresent() ? open(stored.get(), current.get()) : current.get();
            KeyRing next = change.apply(base);
            StoredRing record = seal(next, base, stored.map(s -> s.version() + 1).orElse(1L));
            if (store.publish(stored.orElse(null), record)) {
                adopt(record, next);
                return next;
            }
        }
        throw new IllegalStateException("The key ring kept changing on other nodes; retry.");
    }

    /**
     * Takes a stored ring newer than the one in force into force.
     *
     * @return whether the ring in force changed
     */
    public boolean refresh() {
        Optional<StoredRing> stored = store.read();
        if (stored.isEmpty() || stored.get().equals(seen)) {
            return false; // the common case, without the lock: one local read
        }
        synchronized (this) {
            stored = store.read();
            if (stored.isEmpty() || stored.get().equals(seen)
                    || seen != null && stored.get().version() < seen.version()) {
                return false;
            }
            try {
                adopt(stored.get(), open(stored.get(), current.get()));
                return true;
            } catch (SealedSecretException e) {
                if (unopened != stored.get().version()) {
                    unopened = stored.get().version();
                    LOG.log(Level.ERROR, "The cluster's key ring (version {0}) is sealed under key {1}, which this "
                            + "node''s ring {2} lacks; this node keeps its ring. Restart it with the cluster''s ring.",
                            stored.get().version(), sealingKid(stored.get()), current.get().kids());
                }
                return false;
            }
        }
    }

    private void adopt(StoredRing record, KeyRing ring) {
        boolean changed = !ring.encode().equals(current.get().encode());
        seen = record;
        current.set(ring);
        String encoded = ring.encode();
        if (!encoded.equals(kept)) {
            keep.accept(ring);
            kept = encoded;
        }
        if (changed) {
            LOG.log(Level.INFO, "Key ring version {0} in force: active key {1}, keys {2}", record.version(),
                    ring.activeKid(), ring.kids());
        }
    }

    /** Seals {@code ring} under the oldest key it shares with {@code previous}, which every node holds. */
    private static StoredRing seal(KeyRing ring, KeyRing previous, long version) {
        String kid = ring.kids().stream()
                .filter(k -> previous.key(k).isPresent())
                .min(Comparator.comparing((String k) -> ring.created(k).orElse(Instant.MAX)).thenComparing(k -> k))
                .orElse(ring.activeKid());
        return new StoredRing(version, new SecretSealer(ring.activating(kid)).seal(CONTEXT, ring.encode()));
    }

    /** Opens {@code stored} with the keys of {@code with} (a fixed ring: opening never refreshes). */
    private static KeyRing open(StoredRing stored, KeyRing with) {
        return KeyRing.fromEncoded(new SecretSealer(with).open(CONTEXT, stored.sealed()));
    }

    private static String sealingKid(StoredRing stored) {
        return SecretSealer.kidOf(stored.sealed()).orElse("(unknown)");
    }
}
