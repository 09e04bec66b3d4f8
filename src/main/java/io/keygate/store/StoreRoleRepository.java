package io.keygate.store;

import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;

/** Role records in the {@code roles} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreRoleRepository extends StoreEntityRepository<Role> implements RoleRepository {

    public StoreRoleRepository(InfinispanStore store) {
        super(store, "roles", Role.class, Role::accountId, Role::name);
    }
}
