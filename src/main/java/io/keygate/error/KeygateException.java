package io.keygate.error;

import java.util.Objects;

/**
 * Base of every error Keygate reports to a caller. Each subclass stands for one {@link AwsErrorCode.Family} and
 * refuses codes of another family, so a call site cannot mislabel an error. The message goes on the wire as is: it
 * must never carry a secret, a session token or an assertion.
 */
public abstract sealed class KeygateException extends RuntimeException
        permits InvalidInputException, AuthFailureException, AccessDeniedException, EntityException,
        FederationRejectedException, ServiceFailureException {

    private final AwsErrorCode code;

    protected KeygateException(AwsErrorCode code, AwsErrorCode.Family family, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        if (code.family() != family) {
            throw new IllegalArgumentException(code + " is not in family " + family);
        }
    }

    public AwsErrorCode code() {
        return code;
    }
}
