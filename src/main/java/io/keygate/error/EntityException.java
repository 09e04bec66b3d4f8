package io.keygate.error;

/** An IAM entity is missing, duplicated, still in use, or over a quota. */
public final class EntityException extends KeygateException {

    public EntityException(AwsErrorCode code, String message) {
        super(code, AwsErrorCode.Family.ENTITY, message);
    }
}
