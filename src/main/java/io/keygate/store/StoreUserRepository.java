package io.keygate.store;

import io.keygate.iam.User;
import io.keygate.iam.UserRepository;

/** Users in the {@code users} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreUserRepository extends StoreEntityRepository<User> implements UserRepository {

    public StoreUserRepository(InfinispanStore store) {
        super(store, "users", User.class, User::accountId, User::name);
    }
}
