package io.keygate.iam.action;

import java.util.Optional;

import io.keygate.iam.User;

/**
 * The credentials of a user that live outside the user record and the access key store — SSH public keys, signing
 * certificates, service-specific credentials — which DeleteUser, like IAM, refuses to leave behind. Thread-safe.
 */
@FunctionalInterface
public interface HeldCredentials {

    /** For callers that serve none of these credentials (the bootstrap file). */
    HeldCredentials NONE = user -> Optional.empty();

    /** AWS's {@code DeleteConflict} text for the first kind of these credentials the user still holds, if any. */
    Optional<String> conflict(User user);
}
