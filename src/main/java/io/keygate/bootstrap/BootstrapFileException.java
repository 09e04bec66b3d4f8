package io.keygate.bootstrap;

/**
 * The bootstrap file cannot be applied; the message names the file, the document, the entity and the field, and
 * says what is wrong. Nothing of the file was applied when this is thrown by validation.
 */
public final class BootstrapFileException extends RuntimeException {

    public BootstrapFileException(String message) {
        super(message, null, false, false);
    }

    public BootstrapFileException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
