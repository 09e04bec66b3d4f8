package io.keygate.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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

    private final EmbeddedCacheManager manager;
    private final ConcurrentMap<String, Cache<String, String>> caches = new ConcurrentHashMap<>();

    private InfinispanStore(EmbeddedCacheManager manager) {
        this.manager = manager;
    }

    /** Starts an embedded, single-node store persisted under {@code directory}. */
    public static InfinispanStore embedded(Path directory) {
        Objects.requireNonNull(directory, "directory");
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.cacheManagerName("keygate");
        global.globalState().enable()
                .persistentLocation(directory.toAbsolutePath().toString())
                .sharedPersistentLocation(directory.toAbsolutePath().toString());
        global.jmx().disable();
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), true);
        return new InfinispanStore(manager);
    }

    /** The entries of one kind, inside the single persistent cache {@code keygate}. */
    public Namespace namespace(String name) {
        return new Namespace(caches.computeIfAbsent("keygate", this::define), name);
    }

    private Cache<String, String> define(String name) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(name + "/data")
                .indexLocation(name + "/index")
                .syncWrites(true)
                .indexSegments(4)
                .preload(true)
                .purgeOnStartup(false);
        manager.defineConfiguration(name, builder.build());
        return manager.getCache(name);
    }

    /** Whether the cache manager is running (used by the readiness check). */
    public boolean isRunning() {
        return manager.getStatus().allowInvocations();
    }

    @Override
    public void close() {
        manager.stop();
    }
}
