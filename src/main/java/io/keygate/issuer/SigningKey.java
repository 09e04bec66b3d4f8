package io.keygate.issuer;

import java.time.Instant;
import java.util.Objects;

/**
 * One of Keygate's token-signing keys. The private JWK travels only sealed by the key ring
 * ({@link SigningKeyRepository}); {@link #toString()} never shows it.
 *
 * @param kid        the key id: {@code <alg>-<period>} ({@code es384-684}), unique
 * @param algorithm  {@code RS256} or {@code ES384}
 * @param period     the rotation period the key signs in
 * @param created    creation time
 * @param privateJwk the private key as a JWK (JSON)
 */
public record SigningKey(String kid, String algorithm, long period, Instant created, String privateJwk) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(privateJwk, "privateJwk");
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + ", " + algorithm + ", created " + created + "]";
    }
}
