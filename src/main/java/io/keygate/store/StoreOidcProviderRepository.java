package io.keygate.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.keygate.iam.OidcProvider;
import io.keygate.iam.OidcProviderRepository;

/** OIDC providers in the {@code oidc-providers} namespace, keyed by {@code <account>/<id>} with the id's case kept. */
public final class StoreOidcProviderRepository implements OidcProviderRepository {

    private final JsonCache<OidcProvider> cache;

    public StoreOidcProviderRepository(InfinispanStore store) {
        this.cache = new JsonCache<>(store.namespace("oidc-providers"), OidcProvider.class);
    }

    private static String key(String accountId, String id) {
        return accountId + "/" + id;
    }

    @Override
    public Optional<OidcProvider> find(String accountId, String id) {
        return cache.get(key(accountId, id));
    }

    @Override
    public boolean create(OidcProvider provider) {
        return cache.putIfAbsent(key(provider.accountId(), provider.id()), provider);
    }

    @Override
    public Optional<OidcProvider> update(String accountId, String id, UnaryOperator<OidcProvider> change) {
        return cache.update(key(accountId, id), change);
    }

    @Override
    public Optional<OidcProvider> delete(String accountId, String id, Consumer<OidcProvider> check) {
        return cache.removeChecked(key(accountId, id), check);
    }

    @Override
    public List<OidcProvider> list(String accountId) {
        return cache.valuesWithKeyPrefix(accountId + "/").sorted(Comparator.comparing(OidcProvider::id)).toList();
    }
}
