package io.keygate.store;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.infinispan.Cache;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.PartitionStatusChanged;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.PartitionStatusChangedEvent;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.persistence.manager.PersistenceManager;
import org.infinispan.remoting.transport.Address;

/**
 * Drops this node's copy of a cache when it merges back after a split on the side that lost: the merge makes it a
 * member that owns nothing, and the rebalance that follows sends it the available side's entries. Infinispan keeps
 * the old copy meanwhile and state transfer only adds to it, so without this an entry deleted on the available side
 * during the split would come back on this node (its own lists and reads) and stay in its files.
 *
 * <p>Runs in the topology update (a synchronous listener), which is applied before the next one: the copy is gone
 * before the rebalance's state arrives, and no write reaches a node that owns nothing in between.
 */
@Listener(observation = Listener.Observation.POST)
public final class StaleCopyDropper {

    private static final System.Logger LOG = System.getLogger(StaleCopyDropper.class.getName());

    private final Cache<String, String> cache;
    private final Address self;
    private volatile boolean cutOff;

    StaleCopyDropper(Cache<String, String> cache) {
        this.cache = cache;
        this.self = cache.getCacheManager().getAddress();
    }

    @PartitionStatusChanged
    public void partitionStatusChanged(PartitionStatusChangedEvent<String, String> event) {
        if (event.getAvailabilityMode() == AvailabilityMode.DEGRADED_MODE) {
            cutOff = true;
        }
    }

    @TopologyChanged
    public CompletionStage<Void> topologyChanged(TopologyChangedEvent<String, String> event) {
        if (!cutOff || event.getWriteConsistentHashAtEnd().getMembers().contains(self)) {
            return CompletableFuture.completedFuture(null);
        }
        cutOff = false;
        LOG.log(Level.INFO, "Merged back after a split: dropping this node''s copy of {0} (topology {1}); the "
                + "available side''s state replaces it", cache.getName(), event.getNewTopologyId());
        cache.getAdvancedCache().getDataContainer().clear();
        return ComponentRegistry.componentOf(cache, PersistenceManager.class)
                .clearAllStores(PersistenceManager.AccessMode.PRIVATE);
    }
}
