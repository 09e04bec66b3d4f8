package io.keygate.credentials;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The key ring in force on this node. The sealer and the token codecs read it at every use, so a rotated ring (a
 * new active key) or a retired key takes effect without a restart. Whoever keeps the ring in step with the rest of
 * a cluster replaces it whole ({@link #set}) and may register a {@linkplain #onUnknownKey refresher}: a node that
 * meets a key id its ring lacks (a token another node minted right after a rotation) looks again once before it
 * refuses.
 *
 * <p>Thread-safe. {@link #toString()} shows kids only, never key material.
 */
public final class CurrentKeyRing implements Supplier<KeyRing> {

    private final AtomicReference<KeyRing> ring;
    private volatile Runnable refresher = () -> { };

    /** Holds {@code initial} until it is replaced. */
    public CurrentKeyRing(KeyRing initial) {
        this.ring = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The ring in force now. */
    @Override
    public KeyRing get() {
        return ring.get();
    }

    /** Puts {@code next} in force. */
    public void set(KeyRing next) {
        ring.set(Objects.requireNonNull(next, "next"));
    }

    /** Runs {@code refresher} (which may {@link #set} a newer ring) when a key id is asked for that the ring lacks. */
    public void onUnknownKey(Runnable refresher) {
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    /**
     * The ring in force, refreshed once first if it does not hold {@code kid}; the answer may still lack it (the kid
     * was never this cluster's, or was retired).
     */
    public KeyRing holding(String kid) {
        KeyRing now = ring.get();
        if (kid == null || now.key(kid).isPresent()) {
            return now;
        }
        refresher.run();
        return ring.get();
    }

    @Override
    public String toString() {
        return "CurrentKeyRing[" + ring.get() + "]";
    }
}
