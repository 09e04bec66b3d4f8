package io.keygate.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.CallerDecisions;
import io.keygate.federation.oidc.DocumentFetcher;
import io.keygate.federation.oidc.JwksCache;
import io.keygate.federation.oidc.OidcSettings;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.RoleRepository;
import io.keygate.sts.AssumeRoleWithWebIdentity;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SessionInputs;
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
    WebIdentityVerifier webIdentityVerifier(OidcSettings settings, Clock clock) {
        // Stale keys are refreshed off the request path, on a small pool of daemon threads.
        ExecutorService refresher = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "keygate-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        JwksCache cache = new JwksCache(new DocumentFetcher(settings), settings, clock, refresher);
        return new WebIdentityVerifier(cache, settings, clock);
    }

    /**
     * AssumeRoleWithWebIdentity over the shared federated-principal path (an instance of its own: it holds no
     * state, and the SAML wiring makes another).
     */
    @Produces
    @Singleton
    ActionSet assumeRoleWithWebIdentity(OidcProviderRepository providers, WebIdentityVerifier verifier,
                                        SessionInputs inputs, RoleRepository roles, CredentialMinter minter,
                                        CallerDecisions decisions, Clock clock,
                                        io.keygate.sts.BuiltInProviders builtIns) {
        return new ActionSet(List.of(new AssumeRoleWithWebIdentity(providers, verifier, inputs,
                new FederatedSessions(roles, minter, inputs, decisions, clock), builtIns)));
    }

    @Produces
    @Singleton
    ActionSet oidcProviderActions(IamContext iam, OidcSettings settings) {
        return new ActionSet(new OidcProviderActions(iam, url -> ProviderUrl.problem(url, settings).orElse(null))
                .actions());
    }
}
