package io.keygate.store;

import io.keygate.iam.InstanceProfile;
import io.keygate.iam.InstanceProfileRepository;

/** InstanceProfile records in the {@code instance-profiles} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreInstanceProfileRepository extends StoreEntityRepository<InstanceProfile> implements InstanceProfileRepository {

    public StoreInstanceProfileRepository(InfinispanStore store) {
        super(store, "instance-profiles", InstanceProfile.class, InstanceProfile::accountId, InstanceProfile::name);
    }
}
