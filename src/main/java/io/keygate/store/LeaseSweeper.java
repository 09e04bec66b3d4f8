package io.keygate.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.remoting.transport.Address;

import io.keygate.error.ServiceFailureException;

/**
 * Removes the quota leases held by nodes that left the view (a crash, a split), so that the creates of the nodes
 * still up do not wait for those leases to expire. Each lease names its holder's node ({@link QuotaLeases}); the
 * removal is conditional on the lease still holding that value, so a lease taken again meanwhile stays. Runs off
 * the view-change thread (asynchronous listener); a lease it cannot remove now still expires.
 */
@Listener(sync = false)
public final class LeaseSweeper {

    private final Namespace leases;

    LeaseSweeper(Namespace leases) {
        this.leases = leases;
    }

    @ViewChanged
    public void viewChanged(ViewChangedEvent event) {
        Set<String> left = new HashSet<>();
        for (Address old : event.getOldMembers()) {
            if (!event.getNewMembers().contains(old)) {
                left.add(old.toString());
            }
        }
        if (left.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, String> lease : leases.entries().toList()) {
                if (left.contains(QuotaLeases.node(lease.getValue()))) {
                    leases.remove(lease.getKey(), lease.getValue());
                }
            }
        } catch (ServiceFailureException e) {
            // this node cannot write or list now (cut off, or merging back): the leases expire by themselves
        }
    }
}
