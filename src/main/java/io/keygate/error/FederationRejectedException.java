package io.keygate.error;

/** An external identity (SAML assertion, OIDC token) was rejected. */
public final class FederationRejectedException extends KeygateException {

    public FederationRejectedException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.FEDERATION, message);
    }
}
