/**
 * The cluster as an operator sees it: the members in this node's view, whether this node may write (it may not on
 * the minority side of a split), and, for tests only, a switch that cuts the node off its cluster. See
 * {@code docs/cluster.md}.
 */
package io.keygate.cluster;
