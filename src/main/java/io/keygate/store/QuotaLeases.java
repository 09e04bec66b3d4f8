package io.keygate.store;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;

/**
 * Short leases that make "count, then create" one step across a cluster, so that an account-wide quota holds
 * however many nodes take creates. A lease is an entry taken with {@code putIfAbsent} in the replicated cache
 * (atomic cluster-wide: it runs under the key's lock on its primary owner), held while the caller counts and
 * writes, and removed right after. Creates of one kind in one account thus run one at a time cluster-wide; other
 * accounts and kinds are not held up.
 *
 * <p>Leases live in memory only (replicated, never written to disk). A lease names its node: when a node leaves the
 * view (a crash), the others remove its leases at once ({@link LeaseSweeper}); any lease left over expires after its
 * lifespan. On a node cut off from most of its cluster, taking a lease is a write and is refused
 * like any other ({@code ServiceUnavailable}). Threads of one node queue on a local lock first, so only one of them
 * at a time polls the cluster for a lease. Thread-safe.
 */
final class QuotaLeases {

    static final String NAMESPACE = "quota-leases";
    /** How long a lease holds if its node dies before it lets go. */
    static final Duration LIFESPAN = Duration.ofSeconds(10);
    /** How long a create waits for the lease before it answers that the service is busy (SDKs retry). */
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String BUSY = "Too many concurrent creates of this kind in this account; retry the request.";

    private final Namespace leases;
    private final Supplier<String> node;
    private final Duration lifespan;
    private final Duration wait;
    private final ReentrantLock[] local = new ReentrantLock[32];

    QuotaLeases(InfinispanStore store) {
        this(store.memoryOnlyNamespace(NAMESPACE), store::nodeName, LIFESPAN, WAIT);
    }

    /**
     * @param node the name of this node in the cluster's views, written into each lease it takes so that the
     *             others can let go of its leases when it leaves (see {@link LeaseSweeper})
     */
    QuotaLeases(Namespace leases, Supplier<String> node, Duration lifespan, Duration wait) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.node = Objects.requireNonNull(node, "node");
        this.lifespan = Objects.requireNonNull(lifespan, "lifespan");
        this.wait = Objects.requireNonNull(wait, "wait");
        for (int i = 0; i < local.length; i++) {
            local[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code action} while holding the lease {@code key}, cluster-wide.
     *
     * @throws ServiceFailureException {@code ServiceUnavailable} when the lease was not free within the wait, or
     *                                 when this node cannot write (cut off from its cluster)
     */
    <R> R holding(String key, Supplier<R> action) {
        long deadline = System.nanoTime() + wait.toNanos();
        ReentrantLock lock = local[Math.floorMod(key.hashCode(), local.length)];
        try {
            if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            String holder = node.get() + " " + UUID.randomUUID();
            take(key, holder, deadline);
            try {
                return action.get();
            } finally {
                release(key, holder);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The node named in a lease's value. */
    static String node(String holder) {
        int space = holder.lastIndexOf(' ');
        return space < 0 ? "" : holder.substring(0, space);
    }

    private void take(String key, String holder, long deadline) {
        for (int attempt = 0; !leases.putIfAbsent(key, holder, lifespan); attempt++) {
            if (System.nanoTime() - deadline > 0) {
                throw busy();
            }
            try {
                Thread.sleep(Math.min(1 + attempt / 8, 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
        }
    }

    /** Lets go; a lease that cannot be removed now (the cluster is changing) expires after its lifespan. */
    private void release(String key, String holder) {
        try {
            leases.remove(key, holder);
        } catch (ServiceFailureException e) {
            // expires by itself
        }
    }

    private static ServiceFailureException busy() {
        return new ServiceFailureException(AwsErrorCode.ServiceUnavailable, BUSY);
    }
}
