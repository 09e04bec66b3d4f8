package io.keygate.store;

import java.util.Optional;

import io.keygate.keys.SharedKeyRingStore;

/**
 * The cluster's key ring as one record, {@code keyring/shared}, in the replicated entity cache: every node holds it
 * in memory and in its file store (sealed, never plain key material), reads it locally, and a change is written to
 * every node before it returns.
 */
public final class StoreSharedKeyRing implements SharedKeyRingStore {

    private static final String KEY = "shared";

    private final JsonCache<StoredRing> rings;

    public StoreSharedKeyRing(InfinispanStore store) {
        this.rings = new JsonCache<>(store.namespace("keyring"), StoredRing.class);
    }

    @Override
    public Optional<StoredRing> read() {
        return rings.get(KEY);
    }

    @Override
    public boolean publish(StoredRing expected, StoredRing next) {
        return expected == null ? rings.putIfAbsent(KEY, next) : rings.replace(KEY, expected, next);
    }
}
