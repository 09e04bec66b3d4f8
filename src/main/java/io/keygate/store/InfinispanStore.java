package io.keygate.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.context.Flag;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;

/**
 * The embedded Infinispan cache manager and its persistent cache. It keeps every entry in memory (preloaded at start,
 * never evicted; reads skip the store, see {@link Namespace}) and
 * writes it through to a soft-index file store with {@code syncWrites}, so a successful put has reached the file
 * before the caller continues: a {@code kill -9} after an answer loses nothing.
 *
 * <p>Thread-safe. Close it to flush and release the files.
 */
public final class InfinispanStore implements AutoCloseable {

    private static final String CACHE = "keygate";
    private static final String EXPIRING = "keygate-expiring";
    private static final String REPLAY = "keygate-replay";

    /**
     * The started manager, its entity cache and its cache of expiring entries, opened on a thread of their own
     * (see {@link #embedded}).
     */
    private record Opened(EmbeddedCacheManager manager, Cache<String, String> cache, Cache<String, String> expiring,
                          Cache<String, String> replay, JChannel channel, KeyIndex index) {
    }

    private final CompletableFuture<Opened> opened;
    private final boolean clustered;

    private InfinispanStore(CompletableFuture<Opened> opened, boolean clustered) {
        this.opened = opened;
        this.clustered = clustered;
    }

    /**
     * Whether this node is a member of a cluster: reads of replicated entries stay local, but single-key writes and
     * reads of the expiring entries may then go to another node.
     */
    public boolean isClustered() {
        return clustered;
    }

    /**
     * Opens an embedded, single-node store persisted under {@code directory}. The cache manager starts and the
     * cache preloads on a thread of their own, so the rest of the broker boots meanwhile; the first operation on
     * a {@link Namespace} waits until the store is open, and fails if it could not be opened.
     */
    public static InfinispanStore embedded(Path directory) {
        return opening(directory, null);
    }

    /**
     * Opens a clustered node persisted under {@code directory} (see {@code docs/cluster.md}): the entity cache is
     * replicated to every node and written through to each node's own file store; the cache of expiring entries is
     * distributed with two owners. A node that joins a running cluster drops what its files hold and takes the
     * cluster's state instead (state transfer), so entries deleted while it was away do not come back. On a split,
     * the side with fewer than half of the last stable members refuses writes and keeps serving reads.
     */
    public static InfinispanStore clustered(Path directory, ClusterSettings cluster) {
        Objects.requireNonNull(cluster, "cluster");
        return opening(directory, cluster);
    }

    private static InfinispanStore opening(Path directory, ClusterSettings cluster) {
        Objects.requireNonNull(directory, "directory");
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opened.complete(open(directory, cluster));
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "keygate-store-open");
        opener.setDaemon(true);
        opener.start();
        return new InfinispanStore(opened, cluster != null);
    }

    // indexSegments is deprecated since Infinispan 15 but still sets the on-disk index layout: kept as it is, so that
    // data directories written before keep opening the same way.
    @SuppressWarnings("deprecation")
    private static Opened open(Path directory, ClusterSettings cluster) {
        String root = directory.toAbsolutePath().toString();
        GlobalConfigurationBuilder global = cluster == null
                ? new GlobalConfigurationBuilder().nonClusteredDefault()
                : new GlobalConfigurationBuilder().clusteredDefault();
        global.cacheManagerName("keygate");
        global.jmx().disable();
        // No JVM shutdown hook of Infinispan's own: on SIGTERM it would stop the store at once, while the broker still
        // serves during its shutdown delay. The broker closes the store last (CoreProducers#closeStore).
        global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
        JChannel channel = null;
        if (cluster == null) {
            global.globalState().enable().persistentLocation(root).sharedPersistentLocation(root);
        } else {
            // No persistent global state in a cluster: it would make a restarted node wait for the members of the
            // last persisted topology. Each node's file store holds the data; the cluster's state wins on join.
            global.globalState().disable();
            global.transport().clusterName("keygate").nodeName(cluster.nodeName())
                    .addProperty(JGroupsTransport.CONFIGURATION_XML, JGroupsStack.xml(cluster));
        }
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), true);
        if (cluster != null) {
            channel = ((JGroupsTransport) GlobalComponentRegistry.componentOf(manager, Transport.class)).getChannel();
        }
        // A node that finds a running cluster starts from the cluster's state, not its own (possibly stale) files.
        boolean joining = cluster != null && manager.getMembers() != null && manager.getMembers().size() > 1;
        ConfigurationBuilder builder = new ConfigurationBuilder();
        if (cluster != null) {
            // No conflict resolution: the side of a split that lost its majority refused writes, so it holds nothing
            // newer. When it merges back, Infinispan drops its copy and sends it the available side's state (an entity
            // deleted meanwhile stays deleted). Conflict resolution would also run on every coordinator change in
            // 16.0.x (infinispan#17620) and could stall the rebalance of a rolling restart.
            builder.clustering().cacheMode(CacheMode.REPL_SYNC)
                    .stateTransfer().awaitInitialTransfer(true).timeout(120_000)
                    .partitionHandling().whenSplit(PartitionHandling.ALLOW_READS)
                    .mergePolicy(MergePolicy.NONE);
        }
        builder.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(location(root, cluster, CACHE + "/data"))
                .indexLocation(location(root, cluster, CACHE + "/index"))
                .syncWrites(true)
                .indexSegments(4)
                .preload(!joining)
                .purgeOnStartup(joining);
        manager.defineConfiguration(CACHE, builder.build());
        // Expiring entries (replay ids, used codes, counters, sign-in tokens) live apart from the entities: list
        // calls never scan them, and expired ones are purged by the reaper. They are written through as well, so a
        // restart does not reopen a replay window.
        manager.defineConfiguration(EXPIRING, expiringConfiguration(root, cluster, joining, EXPIRING, true));
        // Replay ids (SAML assertions) have a cache of their own, written through to its own file store without
        // forcing each write to the device: a put has reached the file (the operating system) before the caller
        // continues, so a crash or kill -9 of the broker forgets nothing, and the answer does not wait for the disk.
        manager.defineConfiguration(REPLAY, expiringConfiguration(root, cluster, joining, REPLAY, false));
        // The three caches open (file stores, preload, in a cluster the initial state transfer) side by side: the
        // broker's readiness waits for the slowest, not for the sum.
        manager.startCaches(CACHE, EXPIRING, REPLAY);
        Cache<String, String> cache = manager.getCache(CACHE);
        Cache<String, String> local = cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD);
        KeyIndex index = new KeyIndex();
        cache.addListener(index);
        Cache<String, String> expiringCache = manager.getCache(EXPIRING);
        Cache<String, String> replayCache = manager.getCache(REPLAY);
        if (cluster != null) {
            // Entries that arrive by state transfer raise no event: seed the index again after each topology change.
            cache.addListener(new KeyIndex.Reseeder(index, local::keySet));
            // A node merging back after a split drops its stale copy before it receives the available side's state.
            cache.addListener(new StaleCopyDropper(cache));
            expiringCache.addListener(new StaleCopyDropper(expiringCache));
            replayCache.addListener(new StaleCopyDropper(replayCache));
            // A node that leaves (a crash) lets go of its quota leases at once.
            manager.addListener(new LeaseSweeper(new Namespace(
                    () -> cache.getAdvancedCache().withFlags(Flag.SKIP_CACHE_STORE), () -> index, QuotaLeases.NAMESPACE)));
        }
        // Registered first, seeded second: a key written in between is indexed twice (harmless), never missed.
        int topology = LocalCopy.topologyId(cache);
        index.seed(local.keySet(), topology);
        return new Opened(manager, cache, expiringCache, replayCache, channel, index);
    }

    /**
     * A cache of expiring entries: distributed with two owners in a cluster, preloaded and never evicted (memory holds
     * every live entry), written through to a soft-index file store of its own; {@code syncWrites} forces each write
     * to the device before the caller continues.
     */
    @SuppressWarnings("deprecation")
    private static org.infinispan.configuration.cache.Configuration expiringConfiguration(String root,
            ClusterSettings cluster, boolean joining, String name, boolean syncWrites) {
        ConfigurationBuilder expiring = new ConfigurationBuilder();
        expiring.expiration().wakeUpInterval(30_000);
        if (cluster != null) {
            expiring.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(2)
                    .stateTransfer().awaitInitialTransfer(true).timeout(120_000)
                    .partitionHandling().whenSplit(PartitionHandling.ALLOW_READS)
                    .mergePolicy(MergePolicy.NONE);
        }
        expiring.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(location(root, cluster, name + "/data"))
                .indexLocation(location(root, cluster, name + "/index"))
                .syncWrites(syncWrites)
                .indexSegments(2)
                .preload(!joining)
                .purgeOnStartup(joining);
        return expiring.build();
    }

    /** Relative to the global state in single-node mode (unchanged layout), absolute in a cluster. */
    private static String location(String root, ClusterSettings cluster, String relative) {
        return cluster == null ? relative : Path.of(root, relative).toString();
    }

    /** The entries of one kind, inside the single persistent cache {@code keygate}. */
    public Namespace namespace(String name) {
        return new Namespace(this::cache, this::index, name);
    }

    /**
     * As {@link #namespace}, but kept in memory only and never written to disk (replicated to every node all the
     * same): for short-lived entries whose loss in a crash costs nothing, such as quota leases, so that taking one
     * costs no synchronous disk write.
     */
    Namespace memoryOnlyNamespace(String name) {
        return new Namespace(() -> cache().getAdvancedCache().withFlags(Flag.SKIP_CACHE_STORE), this::index, name);
    }

    /** This node's name in the cluster's views ({@code local} for a single node), once the store is open. */
    String nodeName() {
        EmbeddedCacheManager manager = cache().getCacheManager();
        return manager.getAddress() == null ? "local" : manager.getAddress().toString();
    }

    /** The expiring entries (see {@link InfinispanExpiringEntries}); they never share the entity cache. */
    public InfinispanExpiringEntries expiringEntries() {
        return new InfinispanExpiringEntries(this::expiringCache);
    }

    /**
     * As {@link #expiringEntries()}, kept in memory on their owners only (replicated to them in a cluster) and never
     * written to or read from disk: for entries whose loss in a crash costs the user a retry and never lets a
     * secret be guessed or a token be used twice (sign-in grants; the guest GetId rate counters, where a crash of
     * both owners forgets one window's count), so that writing one costs no synchronous disk write. Replay and
     * one-time-code entries, and the counters that slow down password and MFA guessing, must not use it.
     */
    public InfinispanExpiringEntries memoryOnlyEntries() {
        return new InfinispanExpiringEntries(() -> expiringCache().getAdvancedCache()
                .withFlags(Flag.SKIP_CACHE_STORE, Flag.SKIP_CACHE_LOAD));
    }

    /**
     * The replay ids (SAML assertion id + role): a cache of expiring entries of their own, kept apart from the other
     * expiring entries so that recording one does not wait for the disk. Each {@code putIfAbsent} is atomic (in a
     * cluster, on the key's owners), so an id is accepted once on every node; it is written to its file store before
     * the caller continues but not forced to the device: a crash or {@code kill -9} of the broker forgets nothing,
     * only a crash of the machine itself within the kernel's write-back delay can (in a cluster, the second owner
     * still holds it). Reads and the check before a write skip the file store: the cache is preloaded and never
     * evicted, so memory holds every live entry. Ids that earlier versions recorded among the other expiring
     * entries still count as used (see {@link ReplayEntries}).
     */
    public io.keygate.expiry.ExpiringEntries replayEntries() {
        return new ReplayEntries(
                new InfinispanExpiringEntries(() -> replayCache().getAdvancedCache().withFlags(Flag.SKIP_CACHE_LOAD)),
                new InfinispanExpiringEntries(() -> expiringCache().getAdvancedCache()
                        .withFlags(Flag.SKIP_CACHE_LOAD)));
    }

    private Cache<String, String> replayCache() {
        try {
            return opened.join().replay();
        } catch (CompletionException e) {
            throw new IllegalStateException("The store could not be opened", e.getCause());
        }
    }

    Cache<String, String> expiringCache() {
        try {
            return opened.join().expiring();
        } catch (CompletionException e) {
            throw new IllegalStateException("The store could not be opened", e.getCause());
        }
    }

    /** The sorted keys of the entity cache (see {@link KeyIndex}). */
    KeyIndex index() {
        try {
            return opened.join().index();
        } catch (CompletionException e) {
            throw new IllegalStateException("The store could not be opened", e.getCause());
        }
    }

    /** The open cache, waiting for the opener if it is still at work. */
    Cache<String, String> cache() {
        try {
            return opened.join().cache();
        } catch (CompletionException e) {
            throw new IllegalStateException("The store could not be opened", e.getCause());
        }
    }

    /** Whether the store is open and the cache manager running (used by the readiness check). */
    public boolean isRunning() {
        return opened.isDone() && !opened.isCompletedExceptionally()
                && opened.join().manager().getStatus().allowInvocations();
    }

    /**
     * The cluster as this node sees it; for a single node, itself alone and always available.
     *
     * @param self      this node's name
     * @param members   the names of the members in this node's view
     * @param available false while this node is on the minority side of a split (writes are refused)
     * @param settled   false while data moves between nodes (a node joining or leaving; a merge after a split, until
     *                  the node that merged back holds the available side's entries) and until the key index holds
     *                  what arrived
     */
    public record ClusterView(String self, List<String> members, boolean available, boolean settled) {
    }

    /** The current view, or empty while the store is still opening. */
    public Optional<ClusterView> clusterView() {
        if (!opened.isDone() || opened.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Opened o = opened.join();
        List<String> members = o.manager().getMembers() == null ? null
                : o.manager().getMembers().stream().map(Object::toString).toList();
        boolean available = o.cache().getAdvancedCache().getAvailability() == AvailabilityMode.AVAILABLE
                && o.expiring().getAdvancedCache().getAvailability() == AvailabilityMode.AVAILABLE
                && o.replay().getAdvancedCache().getAvailability() == AvailabilityMode.AVAILABLE;
        List<?> addresses = o.manager().getMembers();
        boolean settled = LocalCopy.settled(o.cache(), addresses) && LocalCopy.settled(o.expiring(), addresses)
                && LocalCopy.settled(o.replay(), addresses)
                && o.index().seededThrough() >= LocalCopy.topologyId(o.cache());
        String self = o.manager().getAddress() != null ? o.manager().getAddress().toString()
                : Objects.requireNonNullElse(o.manager().getCacheManagerInfo().getNodeName(), "local");
        return Optional.of(new ClusterView(self, members == null ? List.of(self) : members, available, settled));
    }

    /**
     * Drops (or stops dropping) every cluster message in and out of this node, as a network partition would. Only
     * for nodes started with fault injection (tests).
     *
     * @throws IllegalStateException when the node was not started with fault injection
     */
    public void isolate(boolean isolated) {
        JChannel channel = opened.join().channel();
        DISCARD discard = channel == null ? null : channel.getProtocolStack().findProtocol(DISCARD.class);
        if (discard == null) {
            throw new IllegalStateException("This node was started without fault injection");
        }
        discard.discardAll(isolated);
    }

    @Override
    public void close() {
        try {
            opened.join().manager().stop();
        } catch (CompletionException e) {
            // never opened: nothing to stop
        }
    }
}
