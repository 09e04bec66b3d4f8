package io.keygate.error;

/** The caller is authenticated but not allowed to do this. */
public final class AccessDeniedException extends KeygateException {

    public AccessDeniedException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.ACCESS, message);
    }
}
