package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.keygate.iam.User;
import io.keygate.iam.UserRepository;

/**
 * Users in the {@code users} cache, keyed by {@code <account>/<lower-case name>} so that names are unique per
 * account case-insensitively, as in IAM.
 */
public final class StoreUserRepository implements UserRepository {

    private final JsonCache<User> users;

    public StoreUserRepository(InfinispanStore store) {
        this.users = new JsonCache<>(store.cache("users"), User.class);
    }

    static String key(String accountId, String userName) {
        return accountId + "/" + userName.toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<User> find(String accountId, String userName) {
        return users.get(key(accountId, userName));
    }

    @Override
    public boolean create(User user) {
        return users.putIfAbsent(key(user.accountId(), user.name()), user);
    }

    @Override
    public boolean delete(String accountId, String userName) {
        return users.remove(key(accountId, userName));
    }

    @Override
    public List<User> list(String accountId) {
        return users.valuesWithKeyPrefix(accountId + "/")
                .sorted(Comparator.comparing(u -> u.name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
