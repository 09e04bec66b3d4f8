package io.keygate.error;

/** Bad input: a parameter, a document or the request itself is not acceptable (HTTP 400). */
public final class InvalidInputException extends KeygateException {

    public InvalidInputException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.INPUT, message);
    }
}
