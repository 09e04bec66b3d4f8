package io.keygate.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.cluster.ClusterControl;
import io.keygate.cluster.DescribeCluster;
import io.keygate.cluster.IsolateNode;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.store.InfinispanStore;

/** The cluster's view and the test-only isolation switch over the store. */
@ApplicationScoped
public class ClusterWiring {

    @Produces
    @Singleton
    ClusterControl clusterControl(InfinispanStore store, KeygateConfig config) {
        KeygateConfig.ClusterConfig cluster = config.cluster();
        return new ClusterControl() {
            @Override
            public String nodeName() {
                return store.clusterView().map(v -> v.self()).orElse("");
            }

            @Override
            public boolean clustered() {
                return cluster.enabled();
            }

            @Override
            public List<String> members() {
                return store.clusterView().map(InfinispanStore.ClusterView::members).orElse(List.of());
            }

            @Override
            public boolean writable() {
                return store.clusterView().map(InfinispanStore.ClusterView::available).orElse(false);
            }

            @Override
            public boolean settled() {
                return store.clusterView().map(InfinispanStore.ClusterView::settled).orElse(false);
            }

            @Override
            public boolean faultInjection() {
                return cluster.faultInjection();
            }

            @Override
            public void isolate(boolean isolated) {
                store.isolate(isolated);
            }
        };
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> describeCluster(ClusterControl cluster, Authorizer authorizer) {
        return new DescribeCluster(cluster, authorizer);
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> isolateNode(ClusterControl cluster, Authorizer authorizer) {
        return new IsolateNode(cluster, authorizer);
    }
}
