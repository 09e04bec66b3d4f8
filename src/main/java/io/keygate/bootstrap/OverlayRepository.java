package io.keygate.bootstrap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.keygate.iam.EntityRepository;
import io.keygate.iam.Group;
import io.keygate.iam.GroupRepository;
import io.keygate.iam.InstanceProfile;
import io.keygate.iam.InstanceProfileRepository;
import io.keygate.iam.ManagedPolicy;
import io.keygate.iam.ManagedPolicyRepository;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;

/**
 * An {@link EntityRepository} that reads through to the store and keeps its own writes in memory: the dry run of a
 * bootstrap file sees the store plus everything the file created so far, and the store never changes. Not
 * thread-safe (one dry run, one thread).
 *
 * @param <T> the entity record
 */
class OverlayRepository<T> implements EntityRepository<T> {

    private final EntityRepository<T> store;
    private final Function<T, String> accountOf;
    private final Function<T, String> nameOf;
    /** Entities written (present) or deleted (empty) by the dry run, by account and lower-case name. */
    private final Map<String, Optional<T>> written = new HashMap<>();

    OverlayRepository(EntityRepository<T> store, Function<T, String> accountOf, Function<T, String> nameOf) {
        this.store = store;
        this.accountOf = accountOf;
        this.nameOf = nameOf;
    }

    private static String key(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<T> find(String accountId, String name) {
        Optional<T> mine = written.get(key(accountId, name));
        return mine != null ? mine : store.find(accountId, name);
    }

    @Override
    public boolean create(T entity) {
        String account = accountOf.apply(entity);
        String name = nameOf.apply(entity);
        if (find(account, name).isPresent()) {
            return false;
        }
        written.put(key(account, name), Optional.of(entity));
        return true;
    }

    @Override
    public Optional<T> update(String accountId, String name, UnaryOperator<T> change) {
        Optional<T> current = find(accountId, name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        T updated = change.apply(current.get());
        written.put(key(accountId, name), Optional.of(updated));
        return Optional.of(updated);
    }

    @Override
    public Optional<T> delete(String accountId, String name, Consumer<T> check) {
        Optional<T> current = find(accountId, name);
        current.ifPresent(check);
        current.ifPresent(c -> written.put(key(accountId, name), Optional.empty()));
        return current;
    }

    @Override
    public List<T> list(String accountId) {
        Map<String, T> all = new HashMap<>();
        store.list(accountId).forEach(e -> all.put(key(accountId, nameOf.apply(e)), e));
        written.forEach((k, v) -> {
            if (k.startsWith(accountId + "/")) {
                v.ifPresentOrElse(e -> all.put(k, e), () -> all.remove(k));
            }
        });
        List<T> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparing(e -> nameOf.apply(e).toLowerCase(Locale.ROOT)));
        return out;
    }

    static final class Users extends OverlayRepository<User> implements UserRepository {
        Users(UserRepository store) {
            super(store, User::accountId, User::name);
        }

        @Override
        public boolean delete(String accountId, String userName) {
            return delete(accountId, userName, u -> { }).isPresent();
        }
    }

    static final class Groups extends OverlayRepository<Group> implements GroupRepository {
        Groups(GroupRepository store) {
            super(store, Group::accountId, Group::name);
        }
    }

    static final class Roles extends OverlayRepository<Role> implements RoleRepository {
        Roles(RoleRepository store) {
            super(store, Role::accountId, Role::name);
        }
    }

    static final class Policies extends OverlayRepository<ManagedPolicy> implements ManagedPolicyRepository {
        Policies(ManagedPolicyRepository store) {
            super(store, ManagedPolicy::accountId, ManagedPolicy::name);
        }
    }

    static final class InstanceProfiles extends OverlayRepository<InstanceProfile>
            implements InstanceProfileRepository {
        InstanceProfiles(InstanceProfileRepository store) {
            super(store, InstanceProfile::accountId, InstanceProfile::name);
        }
    }

    static final class SamlProviders extends OverlayRepository<SamlProvider> implements SamlProviderRepository {
        SamlProviders(SamlProviderRepository store) {
            super(store, SamlProvider::accountId, SamlProvider::name);
        }
    }
}
