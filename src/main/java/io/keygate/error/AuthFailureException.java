package io.keygate.error;

/** The request could not be authenticated: signature, key, token or time is wrong. */
public final class AuthFailureException extends KeygateException {

    public AuthFailureException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.AUTH, message);
    }
}
