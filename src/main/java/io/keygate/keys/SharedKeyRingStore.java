package io.keygate.keys;

import java.util.Optional;

/**
 * Where the nodes of a cluster keep the key ring they share (the store's replicated entity cache): one record,
 * written by compare-and-set so that two nodes rotating at once never lose one another's key.
 */
public interface SharedKeyRingStore {

    /**
     * The ring as stored: its {@code version} (1 for the first, one more at each change) and its encoded form sealed
     * with {@link io.keygate.credentials.SecretSealer} under a key of the ring (never plain key material).
     */
    record StoredRing(long version, String sealed) {

        @Override
        public String toString() {
            return "StoredRing[version=" + version + "]";
        }
    }

    /** The stored ring, if any node has published one. */
    Optional<StoredRing> read();

    /**
     * Stores {@code next} if the store still holds {@code expected} (null: nothing yet).
     *
     * @return false when another node changed the ring first
     */
    boolean publish(StoredRing expected, StoredRing next);
}
