package io.keygate.app;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.sts.ExplainFederation;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SpKeyFile;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlSettings;
import io.keygate.federation.saml.SpMetadata;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.IdentityProviderCount;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.SamlProviderActions;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.OidcProviderRepository;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreSpKeys;
import io.keygate.store.StoreSamlProviderRepository;
import io.keygate.sts.AssumeRoleWithSaml;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SamlSpKeysEndpoint;
import io.keygate.sts.SamlTrusts;
import io.keygate.sts.SessionInputs;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * SAML federation: SAML providers (IAM), the SP keys and metadata ({@code GET /saml/metadata}), the validation
 * pipeline and AssumeRoleWithSAML, and the shared federated-principal path. Nothing here runs at start-up but the
 * route registration: the SP key is created or read on first use, and Santuario initialises on the first signature.
 */
@ApplicationScoped
public class SamlWiring {

    @Produces
    @Singleton
    SamlProviderRepository samlProviders(InfinispanStore store) {
        return new StoreSamlProviderRepository(store);
    }

    /** SAML providers in GetAccountSummary's {@code Providers}. */
    @Produces
    @Singleton
    IdentityProviderCount samlProviderCount(SamlProviderRepository providers) {
        return account -> providers.list(account).size();
    }

    @Produces
    @Singleton
    ActionSet samlProviderActions(IamContext iam, SamlProviderRepository providers) {
        return new ActionSet(new SamlProviderActions(iam, providers).actions());
    }

    @Produces
    @Singleton
    SamlSettings samlSettings(KeygateConfig config, SamlConfig saml) {
        SamlSettings defaults = SamlSettings.forPublicUrl(config.publicUrl());
        return new SamlSettings(saml.entityId().orElse(defaults.entityId()), defaults.acsUrl(),
                saml.extraAudiences().orElse(Set.of()), saml.extraRecipients().orElse(Set.of()), saml.clockSkew(),
                saml.allowSha1(), SamlSettings.AWS_MAX_RESPONSE_CHARS);
    }

    @Produces
    @Singleton
    SamlResponseValidator samlValidator(SamlSettings settings, Clock clock, InfinispanStore store) {
        return new SamlResponseValidator(settings, clock, store.replayEntries());
    }

    @Produces
    @Singleton
    FederatedSessions federatedSessions(RoleRepository roles, CredentialMinter minter, SessionInputs inputs,
                                        CallerDecisions decisions, Clock clock) {
        return new FederatedSessions(roles, minter, inputs, decisions, clock);
    }

    /**
     * The SP keys, one record shared by every node (the first node creates it), copied to
     * {@code <data-dir>/saml-sp-keys}.
     */
    @Produces
    @Singleton
    SpKeyFile spKeyFile(SecretSealer sealer, KeygateConfig config, Clock clock, InfinispanStore store) {
        return new SpKeyFile(config.dataDir().resolve("saml-sp-keys"), sealer, clock, new StoreSpKeys(store));
    }

    @Produces
    @Singleton
    SamlTrusts samlTrusts(SamlProviderRepository providers, SecretSealer sealer, SpKeyFile spKeys) {
        return new SamlTrusts(providers, sealer, () -> spKeys.keys().privateKeys());
    }

    @Produces
    @Singleton
    ActionSet assumeRoleWithSaml(SamlTrusts trusts, SamlResponseValidator validator, SessionInputs inputs,
                                 FederatedSessions sessions) {
        return new ActionSet(List.of(new AssumeRoleWithSaml(trusts, validator, inputs, sessions)));
    }

    /** The trust debugger, {@code POST /api/v1/federation/explain}. */
    @Produces
    @Singleton
    ApiEndpoint<Caller> explainFederation(SamlTrusts trusts, SamlResponseValidator validator, SessionInputs inputs,
                                          FederatedSessions sessions, Authorizer authorizer,
                                          OidcProviderRepository oidcProviders, WebIdentityVerifier webIdentity) {
        return new ExplainFederation(trusts, validator, inputs, sessions, authorizer, oidcProviders, webIdentity);
    }

    /** Rotating and retiring the SP keys ({@code /api/v1/saml/sp-keys}), from the bootstrap account. */
    @Produces
    @Singleton
    ApiEndpoint<Caller> listSpKeys(SpKeyFile keys, Authorizer authorizer, KeygateConfig config,
                                   AccountRepository accounts) {
        return new SamlSpKeysEndpoint(SamlSpKeysEndpoint.Operation.LIST, keys, authorizer,
                () -> Bootstrap.accountId(config, accounts));
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> rotateSpKey(SpKeyFile keys, Authorizer authorizer, KeygateConfig config,
                                    AccountRepository accounts) {
        return new SamlSpKeysEndpoint(SamlSpKeysEndpoint.Operation.ROTATE, keys, authorizer,
                () -> Bootstrap.accountId(config, accounts));
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> retireSpKey(SpKeyFile keys, Authorizer authorizer, KeygateConfig config,
                                    AccountRepository accounts) {
        return new SamlSpKeysEndpoint(SamlSpKeysEndpoint.Operation.RETIRE, keys, authorizer,
                () -> Bootstrap.accountId(config, accounts));
    }

    /**
     * {@code GET /saml/metadata}: Keygate's SP metadata, with the encryption certificate of the current SP key only
     * (after a rotation IdPs encrypt to the new key; the older keys still decrypt until retired).
     */
    void routes(@Observes Router router, SamlSettings settings, SpKeyFile spKeys) {
        router.route("/saml/metadata").method(HttpMethod.GET).blockingHandler(ctx -> {
            String xml = SpMetadata.xml(settings, List.of(spKeys.keys().current().certificate()));
            ctx.response().putHeader("Content-Type", "application/samlmetadata+xml").end(xml);
        }, false);
    }
}
