package io.keygate.store;

import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;

/** SamlProvider records in the {@code saml-providers} cache, keyed by {@code <account>/<lower-case name>}. */
public final class StoreSamlProviderRepository extends StoreEntityRepository<SamlProvider>
        implements SamlProviderRepository {

    public StoreSamlProviderRepository(InfinispanStore store) {
        super(store, "saml-providers", SamlProvider.class, SamlProvider::accountId, SamlProvider::name);
    }
}
