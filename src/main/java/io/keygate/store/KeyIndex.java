package io.keygate.store;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;

/**
 * The keys of this node's copy of the entity cache, sorted, so that the entries of one account are a range
 * ({@code users\0<account>/…}) read in O(entries of the account · log n) instead of a scan of the whole store: one
 * tenant's size does not slow another tenant's list calls. Kept by a listener that sees every creation and removal
 * applied on this node, whichever node made it (the cache is replicated), and seeded with the content present
 * when it was registered (preloaded or received by state transfer, see {@link #seed}).
 *
 * <p>The index may briefly hold a key whose entry is already gone (readers skip a missing value); it never misses a
 * key that is present, because the creation is indexed before the write returns. Thread-safe.
 */
@Listener(observation = Listener.Observation.POST)
public final class KeyIndex {

    private final NavigableSet<String> keys = new ConcurrentSkipListSet<>();

    /** The indexed keys that start with {@code prefix}, in order; a live view. */
    NavigableSet<String> withPrefix(String prefix) {
        return keys.subSet(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** Adds keys present before the listener was registered (call after registering it). */
    void seed(Iterable<String> present) {
        present.forEach(keys::add);
    }

    @CacheEntryCreated
    public void created(CacheEntryCreatedEvent<String, String> event) {
        keys.add(event.getKey());
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<String, String> event) {
        keys.remove(event.getKey());
    }

    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<String, String> event) {
        keys.remove(event.getKey());
    }
}
