package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;
import io.keygate.iam.Group;

/**
 * A node that merges back after a split is made a member of the caches again before the state transfer that brings
 * it the available side's entries. Meanwhile it must neither report itself settled nor answer a list from its stale
 * copy. The test holds the cluster in that moment by switching rebalancing off before the heal (in a real heal it
 * lasts from a few milliseconds to seconds), which is how {@code ThreeNodeClusterIT} once listed, on the healed
 * node, none of the users made during the split.
 */
class PartitionHealTest {

    private static final String ACCOUNT = "111122223333";

    private static Group group(String name) {
        return new Group(ACCOUNT, "AGPA" + Integer.toHexString(name.hashCode()).toUpperCase(), name, "/", Instant.EPOCH,
                Map.of(), List.of());
    }

    private static List<String> names(StoreGroupRepository groups) {
        return groups.list(ACCOUNT).stream().map(Group::name).toList();
    }

    @Test
    void whenAnIsolatedNodeMergesBackThenItListsTheAvailableSidesEntitiesAndIsSettledOnlyOnceItHoldsThem(
            @TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            StoreGroupRepository onA = new StoreGroupRepository(cluster.node(0));
            StoreGroupRepository onC = new StoreGroupRepository(cluster.node(2));
            assertThat(onA.create(group("before-split"))).isTrue();
            assertThat(onA.create(group("deleted-during-split"))).isTrue();
            assertThat(names(onC)).containsExactly("before-split", "deleted-during-split");

            cluster.node(2).isolate(true);
            cluster.await(2, v -> !v.available(), "cut off");
            cluster.await(0, v -> v.members().size() == 2 && v.available() && v.settled(), "two members");
            assertThat(onA.create(group("during-split-on-a"))).isTrue();
            assertThat(onA.delete(ACCOUNT, "deleted-during-split")).isTrue();
            cluster.rebalancing(0, false);
            cluster.rebalancing(2, false); // C coordinates its own side: whichever coordinates the merge, it is off

            cluster.node(2).isolate(false);
            // Merged: C takes writes again, but has not received the available side's state.
            InfinispanStore.ClusterView merged = cluster.await(2, v -> v.members().size() == 3 && v.available(),
                    "merged back");
            assertThat(merged.settled()).as("settled before receiving the available side's state").isFalse();
            // It answers reads by name from the owners, and refuses a list rather than answer from its stale copy.
            assertThat(onC.find(ACCOUNT, "during-split-on-a")).isPresent();
            assertThat(onC.find(ACCOUNT, "deleted-during-split")).isEmpty();
            assertThatThrownBy(() -> names(onC)).isInstanceOfSatisfying(ServiceFailureException.class,
                    e -> assertThat(e.code()).isEqualTo(AwsErrorCode.ServiceUnavailable));
            // Its stale copy is gone already, so the state it receives cannot be mixed with it.
            TestCluster.awaitTrue(() -> cluster.node(2).cache().getAdvancedCache().getDataContainer()
                    .sizeIncludingExpired() == 0, "C's stale copy dropped");

            cluster.rebalancing(0, true);
            cluster.awaitAll(3);
            assertThat(names(onC)).containsExactly("before-split", "during-split-on-a");
            assertThat(onC.find(ACCOUNT, "deleted-during-split")).isEmpty();
        }
        // ... and its files hold the available side's state too.
        try (InfinispanStore filesOfC = InfinispanStore.embedded(dir.resolve("n2"))) {
            assertThat(names(new StoreGroupRepository(filesOfC))).containsExactly("before-split", "during-split-on-a");
        }
    }
}
