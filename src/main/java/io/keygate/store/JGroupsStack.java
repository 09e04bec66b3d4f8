package io.keygate.store;

import java.util.stream.Collectors;

/**
 * The JGroups protocol stack of a clustered node: TCP between members, discovery by a static list (TCPPING) or DNS
 * (DNS_PING), merge after a partition heals (MERGE3), failure detection of crashed processes at once (FD_SOCK2, a
 * closed socket) and of silent ones (FD_ALL3: 10 s without a heartbeat, confirmed for 2 s), then reliable ordered
 * delivery and flow control.
 */
final class JGroupsStack {

    private JGroupsStack() {
    }

    static String xml(ClusterSettings s) {
        StringBuilder x = new StringBuilder("<config xmlns=\"urn:org:jgroups\">\n");
        x.append("<TCP bind_addr=\"").append(attr(s.bindHost())).append("\" bind_port=\"").append(s.bindPort())
                .append("\" port_range=\"0\" sock_conn_timeout=\"300ms\" diag.enabled=\"false\""
                        + " thread_pool.min_threads=\"0\" thread_pool.max_threads=\"100\" use_vthreads=\"false\"/>\n");
        if (s.faultInjection()) {
            // Off until a test isolates the node (see InfinispanStore#isolate): then every message in or out is dropped.
            x.append("<DISCARD discard_all=\"false\"/>\n");
        }
        if (s.dnsQuery().isPresent()) {
            x.append("<dns.DNS_PING dns_query=\"").append(attr(s.dnsQuery().get()))
                    .append("\" dns_record_type=\"A\" num_discovery_runs=\"3\"/>\n");
        } else {
            String hosts = s.members().stream()
                    .map(m -> {
                        String[] hp = ClusterSettings.hostAndPort(m, "keygate.cluster.members");
                        return hp[0] + "[" + hp[1] + "]";
                    })
                    .collect(Collectors.joining(","));
            x.append("<TCPPING initial_hosts=\"").append(attr(hosts))
                    .append("\" port_range=\"0\" send_cache_on_join=\"true\"/>\n");
        }
        x.append("<MERGE3 min_interval=\"1s\" max_interval=\"3s\" check_interval=\"4s\"/>\n");
        x.append("<FD_SOCK2 offset=\"").append(ClusterSettings.FAILURE_DETECTION_OFFSET)
                .append("\" port_range=\"0\"/>\n");
        x.append("<FD_ALL3 interval=\"2s\" timeout=\"10s\"/>\n");
        x.append("<VERIFY_SUSPECT2 timeout=\"2s\"/>\n");
        x.append("<pbcast.NAKACK2 use_mcast_xmit=\"false\" xmit_interval=\"200ms\"/>\n");
        x.append("<UNICAST3 xmit_interval=\"200ms\" conn_close_timeout=\"5s\"/>\n");
        x.append("<pbcast.STABLE desired_avg_gossip=\"5s\" max_bytes=\"1M\"/>\n");
        x.append("<pbcast.GMS print_local_addr=\"false\" join_timeout=\"2s\" view_ack_collection_timeout=\"1s\""
                + " max_join_attempts=\"3\"/>\n");
        x.append("<UFC max_credits=\"4m\" min_threshold=\"0.40\"/>\n");
        x.append("<MFC max_credits=\"4m\" min_threshold=\"0.40\"/>\n");
        x.append("<FRAG4 frag_size=\"60k\"/>\n");
        x.append("</config>\n");
        return x.toString();
    }

    private static String attr(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
