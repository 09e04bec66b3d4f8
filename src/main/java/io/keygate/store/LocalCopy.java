package io.keygate.store;

import java.util.Collection;

import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.topology.CacheTopology;

/**
 * What this node's own copy of a cache can answer. Every node of a cluster holds every entity (replicated cache),
 * but not at every moment: a node that merges back after a split is made a member of the cache again before the
 * state transfer that gives it the available side's entries has run, and meanwhile its memory holds its stale copy
 * (or nothing). Reads that scan the local copy must look here first.
 */
final class LocalCopy {

    private LocalCopy() {
    }

    /**
     * Whether this node reads every segment of the cache from its own memory: a single node, or a member that owns
     * every segment in the current read topology (never one that is waiting for its state).
     */
    static boolean complete(Cache<?, ?> cache) {
        LocalizedCacheTopology topology = topology(cache);
        return topology == null || topology.getLocalReadSegments().size() == topology.getNumSegments();
    }

    /** The id of the cache's current topology; -1 for a single node. */
    static int topologyId(Cache<?, ?> cache) {
        LocalizedCacheTopology topology = topology(cache);
        return topology == null ? -1 : topology.getTopologyId();
    }

    /**
     * No rebalance or state transfer under way, and every member of the view takes part in the cache's current
     * topology: false from a merge until the rejoining node has received the available side's state, and while a
     * node joins or leaves. Always true for a single node.
     *
     * @param members the members of this node's view
     */
    static boolean settled(Cache<?, ?> cache, Collection<?> members) {
        DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
        LocalizedCacheTopology topology = topology(cache);
        if (topology == null) {
            return true;
        }
        return topology.getPhase() == CacheTopology.Phase.NO_REBALANCE && !distribution.isRehashInProgress()
                && (members == null || topology.getCurrentCH().getMembers().containsAll(members));
    }

    private static LocalizedCacheTopology topology(Cache<?, ?> cache) {
        DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
        return distribution == null ? null : distribution.getCacheTopology();
    }
}
