package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.Group;

/**
 * An account-wide quota holds across the creates of every node of a cluster, not only within one node: two nodes
 * racing for the last free slots create exactly the quota. The leases of a node that leaves are let go at once; a
 * lease left over expires; a lease that stays taken makes a create answer {@code ServiceUnavailable} (retried by
 * SDKs) instead of waiting for ever.
 */
class ClusterQuotaTest {

    private static final String ACCOUNT = "123456789012";
    private static final int QUOTA = 20;

    private static Group group(int i) {
        return new Group(ACCOUNT, "AGPA" + String.format("%017d", i), "g" + i, "/", Instant.EPOCH, Map.of(), List.of());
    }

    @Test
    void whenTwoNodesRaceForTheLastSlotsThenTheQuotaHoldsExactly(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 2)) {
            List<StoreGroupRepository> nodes = List.of(new StoreGroupRepository(cluster.node(0)),
                    new StoreGroupRepository(cluster.node(1)));
            for (int i = 0; i < QUOTA - 4; i++) {
                assertThat(nodes.get(i % 2).create(group(i), ACCOUNT, QUOTA)).isEqualTo(EntityRepository.Created.CREATED);
            }
            // 4 free slots left; 40 creates race for them from both nodes, 4 threads on each.
            int attempts = 40;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EntityRepository.Created>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < attempts; i++) {
                    StoreGroupRepository node = nodes.get(i % 2);
                    Group g = group(1000 + i);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return node.create(g, ACCOUNT, QUOTA);
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<EntityRepository.Created> f : outcomes) {
                    EntityRepository.Created outcome = f.get();
                    assertThat(outcome).isNotEqualTo(EntityRepository.Created.EXISTS);
                    created += outcome == EntityRepository.Created.CREATED ? 1 : 0;
                }
                assertThat(created).isEqualTo(4);
            } finally {
                pool.shutdownNow();
            }
            assertThat(nodes.get(0).list(ACCOUNT)).hasSize(QUOTA);
            assertThat(nodes.get(1).list(ACCOUNT)).hasSize(QUOTA);
            assertThat(nodes.get(1).create(group(5000), ACCOUNT, QUOTA)).isEqualTo(EntityRepository.Created.OVER_QUOTA);
            // The leases are gone once the creates answered.
            assertThat(cluster.node(1).namespace(QuotaLeases.NAMESPACE).entries()).isEmpty();
        }
    }

    @Test
    void whenTheNodeHoldingALeaseLeavesThenTheOthersLetGoOfItAtOnce(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 2)) {
            StoreGroupRepository onFirst = new StoreGroupRepository(cluster.node(0));
            String leaver = cluster.node(1).nodeName();
            // a lease the second node holds for longer than any create waits, as when it crashes mid-create
            assertThat(cluster.node(1).memoryOnlyNamespace(QuotaLeases.NAMESPACE).putIfAbsent("groups/" + ACCOUNT,
                    leaver + " held", Duration.ofMinutes(1))).isTrue();

            cluster.stop(1);
            cluster.await(0, v -> v.members().size() == 1, "the second node gone");

            assertThat(onFirst.create(group(1), ACCOUNT, QUOTA)).isEqualTo(EntityRepository.Created.CREATED);
        }
    }

    @Test
    void whenALeaseIsHeldByANodeThatDiedThenItExpiresAndCreatesGoOn(@TempDir Path dir) {
        try (InfinispanStore store = InfinispanStore.embedded(dir)) {
            StoreGroupRepository groups = new StoreGroupRepository(store);
            // a lease left behind, as by a node killed between taking and releasing it
            store.memoryOnlyNamespace(QuotaLeases.NAMESPACE).putIfAbsent("groups/" + ACCOUNT, "dead-node",
                    Duration.ofMillis(300));

            assertThat(groups.create(group(1), ACCOUNT, QUOTA)).isEqualTo(EntityRepository.Created.CREATED);
            assertThat(store.namespace(QuotaLeases.NAMESPACE).get("groups/" + ACCOUNT)).isNull();
        }
    }

    @Test
    void whenTheLeaseStaysTakenThenTheCreateAnswersServiceUnavailableAndWritesNothing(@TempDir Path dir) {
        try (InfinispanStore store = InfinispanStore.embedded(dir)) {
            Namespace leases = store.memoryOnlyNamespace(QuotaLeases.NAMESPACE);
            leases.putIfAbsent("groups/" + ACCOUNT, "another-node", Duration.ofMinutes(1));
            QuotaLeases shortWait = new QuotaLeases(leases, () -> "local", Duration.ofSeconds(10),
                    Duration.ofMillis(100));

            assertThatThrownBy(() -> shortWait.holding("groups/" + ACCOUNT, () -> "ran"))
                    .isInstanceOfSatisfying(ServiceFailureException.class,
                            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.ServiceUnavailable))
                    .hasMessage(QuotaLeases.BUSY);
            assertThat(shortWait.holding("groups/" + ACCOUNT + "-other", () -> "ran")).isEqualTo("ran");
            assertThat(leases.get("groups/" + ACCOUNT)).isEqualTo("another-node");
        }
    }
}
