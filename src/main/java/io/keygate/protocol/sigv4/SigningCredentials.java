package io.keygate.protocol.sigv4;

import java.util.Objects;

/**
 * The credentials {@link SigV4Signer} signs with. Immutable; {@link #toString()} never shows the secret or token.
 *
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken    the session token of temporary credentials, or null
 */
public record SigningCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public SigningCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term credentials (no session token). */
    public static SigningCredentials of(String accessKeyId, String secretAccessKey) {
        return new SigningCredentials(accessKeyId, secretAccessKey, null);
    }

    @Override
    public String toString() {
        return "SigningCredentials[" + accessKeyId + ", token=" + (sessionToken != null) + "]";
    }
}
