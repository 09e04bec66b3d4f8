package io.keygate.store;

import java.util.function.Function;

import io.keygate.iam.EntityRepository;

/** Repositories of named entities that need nothing beyond the {@link EntityRepository} port. */
public final class StoreEntities {

    private StoreEntities() {
    }

    /**
     * A repository of {@code type} records in the namespace {@code cacheName}, keyed by
     * {@code <account>/<lower-case name>}.
     */
    public static <T> EntityRepository<T> repository(InfinispanStore store, String cacheName, Class<T> type,
                                                     Function<T, String> account, Function<T, String> name) {
        return new StoreEntityRepository<>(store, cacheName, type, account, name);
    }
}
