package io.keygate.iam;

/** Store port for SAML providers, keyed by account and name. */
public interface SamlProviderRepository extends EntityRepository<SamlProvider> {
}
