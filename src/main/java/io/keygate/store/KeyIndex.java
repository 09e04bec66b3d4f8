package io.keygate.store;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;

/**
 * The keys of this node's copy of the entity cache, sorted, so that the entries of one account are a range
 * ({@code users\0<account>/…}) read in O(entries of the account · log n) instead of a scan of the whole store: one
 * tenant's size does not slow another tenant's list calls. Kept by a listener that sees every creation and removal
 * applied on this node, whichever node made it (the cache is replicated), and seeded with the content present
 * when it was registered (preloaded or received by state transfer, see {@link #seed}).
 *
 * <p>Infinispan tells listeners nothing about entries written by state transfer, so a node that merges back after a
 * partition heals would miss what the majority wrote meanwhile. {@link Reseeder} adds
 * the node's keys again after every topology change, and {@link #seededThrough()} says up to which topology that is
 * done, so that the cluster view reports "settled" only once the index has caught up.
 *
 * <p>The index may briefly hold a key whose entry is already gone (readers skip a missing value); it never misses a
 * key that is present, because the creation is indexed before the write returns. Thread-safe.
 */
@Listener(observation = Listener.Observation.POST)
public final class KeyIndex {

    private final NavigableSet<String> keys = new ConcurrentSkipListSet<>();
    private final AtomicInteger seededThrough = new AtomicInteger(-1);

    /** The indexed keys that start with {@code prefix}, in order; a live view. */
    NavigableSet<String> withPrefix(String prefix) {
        return keys.subSet(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** Adds keys present before the listener was registered (call after registering it). */
    void seed(Iterable<String> present) {
        present.forEach(keys::add);
    }

    /**
     * Adds the keys present once topology {@code topologyId} is installed (read them after it was) and records
     * that the index holds everything up to it.
     */
    void seed(Iterable<String> present, int topologyId) {
        seed(present);
        seededThrough.accumulateAndGet(topologyId, Math::max);
    }

    /** The latest cache topology after which the index was seeded again; -1 before the first. */
    int seededThrough() {
        return seededThrough.get();
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

    /**
     * Seeds the index again after each topology change, off the topology thread (asynchronous listener): by then
     * the entries that state transfer applied for that topology are in the cache.
     */
    @Listener(sync = false, observation = Listener.Observation.POST)
    public static final class Reseeder {

        private final KeyIndex index;
        private final Supplier<Iterable<String>> localKeys;

        Reseeder(KeyIndex index, Supplier<Iterable<String>> localKeys) {
            this.index = index;
            this.localKeys = localKeys;
        }

        @TopologyChanged
        public void topologyChanged(TopologyChangedEvent<String, String> event) {
            index.seed(localKeys.get(), event.getNewTopologyId());
        }
    }
}
