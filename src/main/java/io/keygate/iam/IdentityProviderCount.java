package io.keygate.iam;

/**
 * How many identity providers of one kind (SAML, OIDC) an account has registered, for GetAccountSummary's
 * {@code Providers}, which counts them all.
 */
@FunctionalInterface
public interface IdentityProviderCount {

    long count(String accountId);
}
