package io.keygate.credentials;

/**
 * A sealed secret could not be opened: it is malformed, names a key the ring no longer holds, belongs to another
 * access key id, or was altered. This is a fault of Keygate's own store, not of the caller, so the protocol edge
 * reports it as {@code InternalFailure} and logs it. The message never contains secret material.
 */
public final class SealedSecretException extends RuntimeException {

    SealedSecretException(String message) {
        super(message, null, false, false);
    }
}
