package io.keygate.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Base of every error Keygate reports to a caller. Each subclass stands for one {@link AwsErrorCode.Family} and
 * refuses codes of another family, so a call site cannot mislabel an error. The message goes on the wire as is and
 * is AWS's text where AWS has one: it must never carry a secret, a session token or an assertion.
 *
 * <p>Keygate's own help that AWS does not give — where in a policy document the problem is, what exactly is wrong
 * with it — is kept apart as the {@link #location()}, which the Query edge writes as an extra {@code <Location>}
 * element of {@code <Error>} (SDKs ignore it; botocore shows it in {@code response["Error"]}), so that tools matching
 * AWS's messages still match.
 */
public abstract sealed class KeygateException extends RuntimeException
        permits InvalidInputException, AuthFailureException, AccessDeniedException, EntityException,
        FederationRejectedException, ServiceFailureException {

    private final AwsErrorCode code;
    private final String location;

    protected KeygateException(AwsErrorCode code, AwsErrorCode.Family family, String message) {
        this(code, family, message, null);
    }

    /** @param location Keygate's help beyond AWS's message (see {@link #location()}), or null */
    protected KeygateException(AwsErrorCode code, AwsErrorCode.Family family, String message, String location) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.location = location;
        if (code.family() != family) {
            throw new IllegalArgumentException(code + " is not in family " + family);
        }
    }

    public AwsErrorCode code() {
        return code;
    }

    /**
     * Keygate's help beyond AWS's message, for example
     * {@code Statement[1].Action[0], line 5, column 35: Vendor a a is not valid}; empty when there is none.
     */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** The message followed by the location in parentheses: for people (logs, bootstrap files, the console). */
    public String messageWithLocation() {
        return location == null ? getMessage() : getMessage() + " (" + location + ")";
    }
}
