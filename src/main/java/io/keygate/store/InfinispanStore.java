package io.keygate.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

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

    /**
     * The started manager, its entity cache and its cache of expiring entries, opened on a thread of their own
     * (see {@link #embedded}).
     */
    private record Opened(EmbeddedCacheManager manager, Cache<String, String> cache, Cache<String, String> expiring) {
    }

    private final CompletableFuture<Opened> opened;

    private InfinispanStore(CompletableFuture<Opened> opened) {
        this.opened = opened;
    }

    /**
     * Opens an embedded, single-node store persisted under {@code directory}. The cache manager starts and the
     * cache preloads on a thread of their own, so the rest of the broker boots meanwhile; the first operation on
     * a {@link Namespace} waits until the store is open, and fails if it could not be opened.
     */
    public static InfinispanStore embedded(Path directory) {
        Objects.requireNonNull(directory, "directory");
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opened.complete(open(directory));
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "keygate-store-open");
        opener.setDaemon(true);
        opener.start();
        return new InfinispanStore(opened);
    }

    // indexSegments is deprecated since Infinispan 15 but still sets the on-disk index layout: kept as it is, so that
    // data directories written before keep opening the same way.
    @SuppressWarnings("deprecation")
    private static Opened open(Path directory) {
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.cacheManagerName("keygate");
        global.globalState().enable()
                .persistentLocation(directory.toAbsolutePath().toString())
                .sharedPersistentLocation(directory.toAbsolutePath().toString());
        global.jmx().disable();
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), true);
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(CACHE + "/data")
                .indexLocation(CACHE + "/index")
                .syncWrites(true)
                .indexSegments(4)
                .preload(true)
                .purgeOnStartup(false);
        manager.defineConfiguration(CACHE, builder.build());
        // Expiring entries (replay ids, used codes, counters, sign-in tokens) live apart from the entities: list
        // calls never scan them, and expired ones are purged by the reaper. They are written through as well, so a
        // restart does not reopen a replay window.
        ConfigurationBuilder expiring = new ConfigurationBuilder();
        expiring.expiration().wakeUpInterval(30_000);
        expiring.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(EXPIRING + "/data")
                .indexLocation(EXPIRING + "/index")
                .syncWrites(true)
                .indexSegments(2)
                .preload(true)
                .purgeOnStartup(false);
        manager.defineConfiguration(EXPIRING, expiring.build());
        return new Opened(manager, manager.getCache(CACHE), manager.getCache(EXPIRING));
    }

    /** The entries of one kind, inside the single persistent cache {@code keygate}. */
    public Namespace namespace(String name) {
        return new Namespace(this::cache, name);
    }

    /** The expiring entries (see {@link InfinispanExpiringEntries}); they never share the entity cache. */
    public InfinispanExpiringEntries expiringEntries() {
        return new InfinispanExpiringEntries(this::expiringCache);
    }

    Cache<String, String> expiringCache() {
        try {
            return opened.join().expiring();
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

    @Override
    public void close() {
        try {
            opened.join().manager().stop();
        } catch (CompletionException e) {
            // never opened: nothing to stop
        }
    }
}
