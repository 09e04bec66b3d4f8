package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.PersistenceConfiguration;
import org.infinispan.configuration.cache.StoreConfiguration;
import org.infinispan.persistence.sifs.configuration.SoftIndexFileStoreConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store settings that power-loss durability rests on, which no process-kill test can see (see "Every write is
 * durable before the answer" in docs/architecture.md): every cache writes through to a soft-index file store with
 * {@code syncWrites} (the log is forced to disk before a write completes), never asynchronously (write-behind), and
 * without passivation.
 */
class InfinispanStoreDurabilityTest {

    @Test
    void everyCacheWritesThroughSynchronouslyToTheFileStore(@TempDir Path dir) {
        InfinispanStore store = InfinispanStore.embedded(dir);
        try {
            for (Cache<String, String> cache : List.of(store.cache(), store.expiringCache())) {
                PersistenceConfiguration persistence = cache.getCacheConfiguration().persistence();
                assertThat(persistence.passivation()).as(cache.getName() + " passivation").isFalse();
                assertThat(persistence.stores()).as(cache.getName() + " stores").hasSize(1);
                StoreConfiguration only = persistence.stores().get(0);
                assertThat(only).isInstanceOf(SoftIndexFileStoreConfiguration.class);
                assertThat(((SoftIndexFileStoreConfiguration) only).syncWrites()).as(cache.getName() + " syncWrites")
                        .isTrue();
                assertThat(only.async().enabled()).as(cache.getName() + " write-behind").isFalse();
            }
        } finally {
            store.close();
        }
    }
}
