package io.keygate.app;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.signin.ConsoleSessions;
import io.keygate.signin.DestinationCheck;
import io.keygate.signin.SamlSignin;
import io.keygate.store.InfinispanStore;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SamlSessions;
import io.keygate.sts.SamlTrusts;
import io.keygate.sts.SessionInputs;

/** SAML sign-in to the console ({@code POST /saml}): the second entry point of the SAML pipeline. */
@ApplicationScoped
public class SamlSigninWiring {

    /** The console's SAML entry point, over the SAML pipeline and the steps AssumeRoleWithSAML shares. */
    @Produces
    @Singleton
    SamlSignin samlSignin(SamlResponseValidator validator, SamlTrusts trusts, FederatedSessions sessions,
                          SessionInputs inputs, SamlProviderRepository providers, AccountRepository accounts,
                          InfinispanStore store, ConsoleSessions consoleSessions, KeygateConfig config,
                          Clock clock) {
        DestinationCheck destinations = new DestinationCheck(config.publicUrl(),
                config.signin().allowedDestinations().orElse(List.of()));
        // Held role choices live as long as their assertion (minutes) and are only a convenience: kept in memory on
        // their owners, never on disk (a restart costs the user a new sign-in at the IdP). The replay entries that
        // spend the assertion are the validator's own, durable ones.
        return new SamlSignin(validator, trusts, new SamlSessions(validator, sessions), inputs, providers, accounts,
                store.memoryOnlyEntries(), consoleSessions, destinations, clock);
    }
}
