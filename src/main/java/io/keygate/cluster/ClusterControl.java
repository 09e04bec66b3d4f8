package io.keygate.cluster;

import java.util.List;

/** Port to the clustered store: its view of the cluster and the test-only isolation switch. Thread-safe. */
public interface ClusterControl {

    /** This node's name. */
    String nodeName();

    /** Whether the node runs clustered at all. */
    boolean clustered();

    /** The members in this node's current view (this node alone when not clustered). */
    List<String> members();

    /** False while this node is on the minority side of a split and refuses writes. */
    boolean writable();

    /** False while data moves between nodes: a node joining or leaving, a merge after a split. */
    boolean settled();

    /** Whether {@link #isolate} is allowed (fault injection was turned on at start). */
    boolean faultInjection();

    /** Drops all cluster traffic of this node (true) or stops dropping it (false). */
    void isolate(boolean isolated);
}
