package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.topology.LocalTopologyManager;

/**
 * Clustered stores in this JVM (JGroups over loopback on ports found free, fault injection on): the store part of
 * what {@code ThreeNodeClusterIT} does with broker processes. The first node starts alone, the others join it.
 */
final class TestCluster implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final List<InfinispanStore> nodes = new ArrayList<>();

    static TestCluster start(Path dir, int size) throws Exception {
        List<Integer> ports = freePorts(size);
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        TestCluster cluster = new TestCluster();
        try {
            for (int i = 0; i < size; i++) {
                ClusterSettings settings = new ClusterSettings("n" + i, "127.0.0.1", ports.get(i), members,
                        Optional.empty(), true);
                cluster.nodes.add(InfinispanStore.clustered(dir.resolve("n" + i), settings));
                cluster.awaitAll(i + 1);
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    InfinispanStore node(int i) {
        return nodes.get(i);
    }

    /** Waits until every node sees {@code size} members and is available and settled. */
    void awaitAll(int size) throws InterruptedException {
        for (int i = 0; i < nodes.size(); i++) {
            await(i, v -> v.members().size() == size && v.available() && v.settled(),
                    size + " members, available and settled");
        }
    }

    /** Waits until node {@code i}'s view satisfies {@code condition}. */
    InfinispanStore.ClusterView await(int i, Predicate<InfinispanStore.ClusterView> condition, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Optional<InfinispanStore.ClusterView> view = nodes.get(i).clusterView();
            if (view.isPresent() && condition.test(view.get())) {
                return view.get();
            }
            assertThat(Instant.now()).as("node %d: %s within %s (now %s)", i, what, WAIT, view).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until {@code condition} holds. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s within %s", what, WAIT).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Switches rebalancing off or on for the whole cluster, through node {@code i}: with it off, a node that merges
     * back after a split stays a member that has not received the available side's state.
     */
    void rebalancing(int i, boolean enabled) throws Exception {
        GlobalComponentRegistry.componentOf(nodes.get(i).cache().getCacheManager(), LocalTopologyManager.class)
                .setRebalancingEnabled(enabled);
    }

    /** Stops node {@code i} (it leaves the cluster cleanly). */
    void stop(int i) {
        InfinispanStore node = nodes.set(i, null);
        if (node != null) {
            node.close();
        }
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            stop(i);
        }
    }

    /** Ports free on loopback whose failure-detection port (port + 50) is free as well. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        while (ports.size() < count) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
                port = probe.getLocalPort();
            }
            int detection = port + ClusterSettings.FAILURE_DETECTION_OFFSET;
            if (detection > 65535 || ports.contains(port) || ports.contains(detection)
                    || ports.stream().anyMatch(p -> p + ClusterSettings.FAILURE_DETECTION_OFFSET == port)) {
                continue;
            }
            try (ServerSocket check = new ServerSocket(detection, 1, loopback)) {
                ports.add(port);
            } catch (IOException taken) {
                // try another
            }
        }
        return ports;
    }
}
