package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.iam.EntityRepository;
import io.keygate.iam.Group;

/**
 * An account-wide quota holds across every node's creates, not only within one node: two repositories (two nodes'
 * views of one replicated store) racing for the last free slots create exactly the quota.
 */
class ClusterQuotaTest {

    private static final String ACCOUNT = "123456789012";
    private static final int QUOTA = 20;

    @TempDir
    Path dir;
    InfinispanStore store;

    @BeforeEach
    void open() {
        store = InfinispanStore.embedded(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Group group(int i) {
        return new Group(ACCOUNT, "AGPA" + String.format("%017d", i), "g" + i, "/", Instant.EPOCH, Map.of(), List.of());
    }

    @Test
    void whenTwoNodesRaceForTheLastSlotsThenTheQuotaHoldsExactly() throws Exception {
        List<StoreGroupRepository> nodes = List.of(new StoreGroupRepository(store), new StoreGroupRepository(store));
        int attempts = 3 * QUOTA;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<EntityRepository.Created>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                StoreGroupRepository node = nodes.get(i % 2);
                Group g = group(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return node.create(g, ACCOUNT, QUOTA);
                }));
            }
            start.countDown();
            int created = 0;
            int over = 0;
            for (Future<EntityRepository.Created> f : outcomes) {
                switch (f.get()) {
                    case CREATED -> created++;
                    case OVER_QUOTA -> over++;
                    case EXISTS -> throw new AssertionError("every name is distinct");
                }
            }
            assertThat(created).isEqualTo(QUOTA);
            assertThat(over).isEqualTo(attempts - QUOTA);
            assertThat(nodes.get(0).list(ACCOUNT)).hasSize(QUOTA);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenALeaseIsHeldByANodeThatDiedThenItExpiresAndCreatesGoOn() {
        StoreGroupRepository node = new StoreGroupRepository(store);
        // a lease left behind, as by a node killed between taking and releasing it
        store.namespace("quota-leases").putIfAbsent("groups/" + ACCOUNT, "dead-node",
                java.time.Duration.ofMillis(300));

        assertThat(node.create(group(1), ACCOUNT, QUOTA)).isEqualTo(EntityRepository.Created.CREATED);
        assertThat(store.namespace("quota-leases").get("groups/" + ACCOUNT)).isNull();
    }
}
