package io.keygate.error;

/** Bad input: a parameter, a document or the request itself is not acceptable (HTTP 400). */
public final class InvalidInputException extends KeygateException {

    public InvalidInputException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.INPUT, message);
    }

    /**
     * @param message  AWS's text
     * @param location Keygate's help beyond it: where the problem is and what exactly is wrong (may be null)
     */
    public InvalidInputException(AwsErrorCode code, String message, String location) {
        super(code, AwsErrorCode.Family.INPUT, message, location);
    }
}
