package io.keygate.error;

/** Keygate itself cannot serve the request (internal fault, throttling, unavailable). */
public final class ServiceFailureException extends KeygateException {

    public ServiceFailureException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.SERVICE, message);
    }
}
