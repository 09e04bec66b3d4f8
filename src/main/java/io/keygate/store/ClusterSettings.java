package io.keygate.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node joins its cluster: the JGroups address it listens on and how it finds the others (a static member
 * list, or a DNS query such as a Kubernetes headless service). Every member must use the same key ring and the same
 * bootstrap values.
 *
 * @param nodeName       the node's name in views and logs
 * @param bindHost       the address JGroups listens on
 * @param bindPort       the TCP port JGroups listens on; failure detection listens on {@code bindPort + 50}
 * @param members        static discovery: {@code host:port} of every member (this one may be included)
 * @param dnsQuery       DNS discovery: the name whose A records are the members (they listen on {@code bindPort})
 * @param faultInjection whether the stack carries a switch that drops all cluster traffic (tests only)
 */
public record ClusterSettings(String nodeName, String bindHost, int bindPort, List<String> members,
                              Optional<String> dnsQuery, boolean faultInjection) {

    /** Failure detection (FD_SOCK2) listens this far above the bind port. */
    public static final int FAILURE_DETECTION_OFFSET = 50;

    public ClusterSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(bindHost, "bindHost");
        members = List.copyOf(members);
        Objects.requireNonNull(dnsQuery, "dnsQuery");
        if (bindPort < 1 || bindPort > 65535 - FAILURE_DETECTION_OFFSET) {
            throw new IllegalArgumentException("keygate.cluster.bind: port out of range: " + bindPort);
        }
        for (String member : members) {
            parsePort(member);
        }
        if (members.isEmpty() && dnsQuery.isEmpty()) {
            throw new IllegalArgumentException(
                    "A cluster needs keygate.cluster.members or keygate.cluster.dns-query to find its members");
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @return {@code [host, port]}
     */
    public static String[] hostAndPort(String value, String property) {
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(property + " must be host:port, was " + value);
        }
        return new String[] {value.substring(0, colon).trim(), Integer.toString(parsePort(value))};
    }

    private static int parsePort(String member) {
        int colon = member.lastIndexOf(':');
        try {
            int port = Integer.parseInt(member.substring(colon + 1).trim());
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A cluster member must be host:port, was " + member);
        }
    }
}
