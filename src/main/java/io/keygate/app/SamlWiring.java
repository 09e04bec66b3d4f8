package io.keygate.app;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import io.keygate.credentials.SpKeys;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlSettings;
import io.keygate.federation.saml.SpMetadata;
import io.keygate.iam.IdentityProviderCount;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.SamlProviderActions;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreSamlProviderRepository;
import io.keygate.sts.AssumeRoleWithSaml;
import io.keygate.sts.CredentialMinter;
import io.keygate.sts.FederatedSessions;
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

    private volatile SpKeys spKeys;

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
    SamlResponseValidator samlValidator(SamlSettings settings, Clock clock, ExpiringEntries entries) {
        return new SamlResponseValidator(settings, clock, entries);
    }

    @Produces
    @Singleton
    FederatedSessions federatedSessions(RoleRepository roles, CredentialMinter minter, SessionInputs inputs,
                                        CallerDecisions decisions, Clock clock) {
        return new FederatedSessions(roles, minter, inputs, decisions, clock);
    }

    @Produces
    @Singleton
    SamlTrusts samlTrusts(SamlProviderRepository providers, SecretSealer sealer, KeygateConfig config, Clock clock) {
        return new SamlTrusts(providers, sealer, () -> spKeys(sealer, config, clock).privateKeys());
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
                                          FederatedSessions sessions, Authorizer authorizer) {
        return new ExplainFederation(trusts, validator, inputs, sessions, authorizer);
    }

    /** The SP keys in {@code <data-dir>/saml-sp-keys}, created with the first key on first use. */
    SpKeys spKeys(SecretSealer sealer, KeygateConfig config, Clock clock) {
        SpKeys keys = spKeys;
        if (keys == null) {
            synchronized (this) {
                keys = spKeys;
                if (keys == null) {
                    try {
                        keys = SpKeys.loadOrCreate(config.dataDir().resolve("saml-sp-keys"), sealer, clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    spKeys = keys;
                }
            }
        }
        return keys;
    }

    /** {@code GET /saml/metadata}: Keygate's SP metadata, with the encryption certificates of every SP key. */
    void routes(@Observes Router router, SamlSettings settings, SecretSealer sealer, KeygateConfig config,
                Clock clock) {
        router.route("/saml/metadata").method(HttpMethod.GET).blockingHandler(ctx -> {
            SpKeys keys = spKeys(sealer, config, clock);
            String xml = SpMetadata.xml(settings, keys.keys().stream().map(SpKeys.SpKey::certificate).toList());
            ctx.response().putHeader("Content-Type", "application/samlmetadata+xml").end(xml);
        }, false);
    }
}
