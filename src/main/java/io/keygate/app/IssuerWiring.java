package io.keygate.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.OutboundFederationActions;
import io.keygate.issuer.IssuerKeys;
import io.keygate.issuer.OutboundFederationRepository;
import io.keygate.issuer.WebIdentityTokens;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreOutboundFederationRepository;
import io.keygate.store.StoreSigningKeyRepository;
import io.keygate.sts.GetWebIdentityToken;
import io.keygate.sts.SessionInputs;

/** Keygate as an OIDC issuer: signing keys, outbound federation (IAM), GetWebIdentityToken (STS). */
@ApplicationScoped
public class IssuerWiring {

    /** The issuer base URL without a trailing slash. */
    @Produces
    @Singleton
    @Named("issuerBase")
    String issuerBase(IssuerConfig issuer, KeygateConfig config) {
        String base = issuer.baseUrl().orElse(config.publicUrl());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Produces
    @Singleton
    OutboundFederationRepository outboundFederation(InfinispanStore store) {
        return new StoreOutboundFederationRepository(store);
    }

    @Produces
    @Singleton
    IssuerKeys issuerKeys(InfinispanStore store, SecretSealer sealer, Clock clock, IssuerConfig config) {
        return new IssuerKeys(new StoreSigningKeyRepository(store, sealer), clock, config.keyRotation(),
                config.prePublish());
    }

    @Produces
    @Singleton
    WebIdentityTokens webIdentityTokens(IssuerKeys keys, Clock clock) {
        return new WebIdentityTokens(keys, clock);
    }

    @Produces
    @Singleton
    ActionSet outboundFederationActions(IamContext iam, OutboundFederationRepository records,
                                        @Named("issuerBase") String base) {
        return new ActionSet(new OutboundFederationActions(iam, records, base).actions());
    }

    @Produces
    @Singleton
    ActionSet getWebIdentityToken(OutboundFederationRepository records, WebIdentityTokens tokens,
                                  SessionInputs inputs, Authorizer authorizer, Clock clock,
                                  @Named("issuerBase") String base) {
        return new ActionSet(java.util.List.of(new GetWebIdentityToken(records, tokens, inputs, authorizer, clock,
                base)));
    }
}
