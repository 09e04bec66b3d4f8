package io.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.keygate.iam.StoredPolicy;
import io.keygate.policy.PolicyType;
import io.keygate.support.HostilePolicies;

/** The cache of compiled policies is bounded by bytes, not only by entries. */
class CompiledPoliciesTest {

    @Test
    void whenDistinctLargePoliciesArriveThenTheCacheStaysWithinItsByteBudget() {
        long budget = 1L << 20;
        CompiledPolicies cache = new CompiledPolicies(budget);
        for (int i = 0; i < 100; i++) {
            String document = HostilePolicies.roleInline(i);
            cache.compile(new StoredPolicy("role/r/inline/p" + i, StoredPolicy.Kind.ROLE_INLINE, document),
                    PolicyType.IDENTITY_INLINE_ROLE);
            assertThat(cache.bytes()).isLessThanOrEqualTo(budget);
        }
        long perPolicy = CompiledPolicies.weigh(HostilePolicies.roleInline(0).length());
        assertThat(cache.size()).isBetween(1, (int) (budget / perPolicy));
    }

    @Test
    void whenTheSameDocumentComesBackThenItIsCompiledOnce() {
        CompiledPolicies cache = new CompiledPolicies(1L << 20);
        StoredPolicy stored = new StoredPolicy("session/inline", StoredPolicy.Kind.MANAGED, HostilePolicies.session(7));
        assertThat(cache.compile(stored, PolicyType.SESSION)).isSameAs(cache.compile(stored, PolicyType.SESSION));
        assertThat(cache.bytes()).isEqualTo(CompiledPolicies.weigh(stored.document().length()));
    }
}
