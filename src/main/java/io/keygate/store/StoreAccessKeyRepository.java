package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.keygate.iam.AccessKey;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.User;

/** Long-term access keys in the {@code access-keys} cache, keyed by access key id. */
public final class StoreAccessKeyRepository implements AccessKeyRepository {

    private final JsonCache<AccessKey> keys;

    public StoreAccessKeyRepository(InfinispanStore store) {
        this.keys = new JsonCache<>(store.namespace("access-keys"), AccessKey.class);
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return keys.get(accessKeyId);
    }

    @Override
    public boolean create(AccessKey key) {
        return keys.putIfAbsent(key.accessKeyId(), key);
    }

    @Override
    public boolean replace(AccessKey expected, AccessKey updated) {
        return keys.replace(expected.accessKeyId(), expected, updated);
    }

    @Override
    public boolean delete(String accessKeyId) {
        return keys.remove(accessKeyId);
    }

    @Override
    public List<AccessKey> listFor(String accountId, String userName) {
        return keys.values()
                .filter(k -> k.accountId().equals(accountId) && Objects.equals(k.userName(), userName))
                .sorted(Comparator.comparing(AccessKey::created).thenComparing(AccessKey::accessKeyId))
                .toList();
    }

    @Override
    public List<AccessKey> listFor(User user) {
        return keys.values()
                .filter(k -> k.belongsTo(user))
                .sorted(Comparator.comparing(AccessKey::created).thenComparing(AccessKey::accessKeyId))
                .toList();
    }
}
