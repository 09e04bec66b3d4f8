package io.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.keygate.support.HostilePolicies;

/**
 * Compiling a policy allocates memory bounded by a small multiple of its size whatever characters it holds: a
 * session policy made of {@code *\\uFFFF} segments must not cost half a megabyte per segment. Measured as the bytes
 * the compiling thread allocates (a count, not a time).
 */
class PolicyCompileCostTest {

    /** Bytes the compile of one policy may allocate per character of its text, parsing garbage included. */
    private static final long BYTES_PER_CHAR = 200;

    private static long allocatedWhile(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void hostileSessionPolicyCompilesWithinItsBound() {
        String policy = HostilePolicies.session(1);
        assertThat(Policies.sizeOf(policy)).isBetween(1_900, PolicyType.SESSION.maxSize());
        Policies.parse(HostilePolicies.session(0), PolicyType.SESSION); // loads classes outside the measurement
        long bytes = allocatedWhile(() -> Policies.parse(policy, PolicyType.SESSION));
        assertThat(bytes).isLessThanOrEqualTo(BYTES_PER_CHAR * policy.length());
    }

    @Test
    void hostileRoleInlinePolicyCompilesWithinItsBound() {
        String policy = HostilePolicies.roleInline(1);
        assertThat(Policies.sizeOf(policy)).isBetween(10_000, PolicyType.IDENTITY_INLINE_ROLE.maxSize());
        Policies.parse(HostilePolicies.roleInline(0), PolicyType.IDENTITY_INLINE_ROLE);
        long bytes = allocatedWhile(() -> Policies.parse(policy, PolicyType.IDENTITY_INLINE_ROLE));
        assertThat(bytes).isLessThanOrEqualTo(BYTES_PER_CHAR * policy.length());
    }
}
