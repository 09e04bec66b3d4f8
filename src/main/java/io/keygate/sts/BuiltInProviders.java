package io.keygate.sts;

import java.util.Optional;

import io.keygate.auth.Caller;

/**
 * Web identity providers built into Keygate that need no IAM OIDC provider, as AWS's
 * {@code cognito-identity.amazonaws.com}: AssumeRoleWithWebIdentity asks them first whether a token is theirs.
 */
@FunctionalInterface
public interface BuiltInProviders {

    /** None: every token goes to the registered OIDC providers. */
    BuiltInProviders NONE = (token, sessionName, caller) -> Optional.empty();

    /**
     * A token a built-in provider verified.
     *
     * @param identity the identity for the shared federated path
     * @param provider the {@code Provider} of the answer ({@code cognito-identity.amazonaws.com})
     * @param audience the {@code Audience} of the answer (the identity pool id)
     */
    record Verified(FederatedIdentity identity, String provider, String audience) {
    }

    /**
     * Empty when the token is not a built-in provider's (its issuer is another); otherwise the verified identity.
     *
     * @throws io.keygate.error.FederationRejectedException when the token is the provider's but not valid
     */
    Optional<Verified> verify(String token, String roleSessionName, Caller caller);
}
