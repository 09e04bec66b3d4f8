package io.keygate.store;

import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.ManagedPolicyRepository;

/** ManagedPolicy records in the {@code managed-policies} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreManagedPolicyRepository extends StoreEntityRepository<ManagedPolicy> implements ManagedPolicyRepository {

    public StoreManagedPolicyRepository(InfinispanStore store) {
        super(store, "managed-policies", ManagedPolicy.class, ManagedPolicy::accountId, ManagedPolicy::name);
    }
}
