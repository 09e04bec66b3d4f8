package io.keygate.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.federation.oidc.OidcSettings;
import io.keygate.federation.oidc.ProviderUrl;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.OidcProviderActions;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreOidcProviderRepository;

/** Web identity federation: OIDC providers (IAM), their keys, and the token pipeline. */
@ApplicationScoped
public class OidcWiring {

    @Produces
    @Singleton
    OidcSettings oidcSettings(OidcConfig c) {
        return new OidcSettings(c.allowLoopback(), c.allowHttpLoopback(), c.connectTimeout(), c.readTimeout(),
                c.maxResponseBytes(), c.jwksTtl(), c.refreshInterval(), c.clockSkew());
    }

    @Produces
    @Singleton
    OidcProviderRepository oidcProviders(InfinispanStore store) {
        return new StoreOidcProviderRepository(store);
    }

    @Produces
    @Singleton
    ActionSet oidcProviderActions(IamContext iam, OidcSettings settings) {
        return new ActionSet(new OidcProviderActions(iam, url -> ProviderUrl.problem(url, settings).orElse(null))
                .actions());
    }
}
