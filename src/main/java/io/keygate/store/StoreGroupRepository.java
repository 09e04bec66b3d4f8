package io.keygate.store;

import io.keygate.iam.Group;
import io.keygate.iam.GroupRepository;

/** Group records in the {@code groups} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreGroupRepository extends StoreEntityRepository<Group> implements GroupRepository {

    public StoreGroupRepository(InfinispanStore store) {
        super(store, "groups", Group.class, Group::accountId, Group::name);
    }
}
