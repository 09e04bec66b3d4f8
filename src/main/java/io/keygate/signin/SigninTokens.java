package io.keygate.signin;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.credentials.SealedSecretException;
import io.keygate.credentials.SecretSealer;

/**
 * The wire form of a sign-in token: the token's random id and expiry, sealed with AES-256-GCM under the key ring's
 * active key (see {@link SecretSealer}), then base64url-encoded. It is opaque to clients and cannot be forged or
 * altered; what it grants lives server-side under its id, so a token is also small enough for any URL whatever
 * the size of the session token it stands for. Single use is enforced by the caller (the id's entry is taken once).
 *
 * <p>Thread-safe.
 */
public final class SigninTokens {

    /** The associated data every sign-in token is sealed with: nothing else that Keygate seals opens as one. */
    private static final String CONTEXT = "keygate/signin-token/v1";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Far above any token this class makes; a longer parameter is refused before any decoding. */
    static final int MAX_TOKEN_LENGTH = 512;

    private final SecretSealer sealer;

    public SigninTokens(SecretSealer sealer) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /** What a sign-in token carries. */
    public record Contents(String id, Instant expiresAt) {
        public Contents {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id must be 32 random bytes in base64url");
            }
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public String seal(Contents contents) {
        String sealed = sealer.seal(CONTEXT, contents.id() + "." + contents.expiresAt().getEpochSecond());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The contents of {@code token}, or empty if it is malformed, altered or sealed under an unknown key. */
    public Optional<Contents> open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.US_ASCII);
            String plain = sealer.open(CONTEXT, sealed);
            int dot = plain.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            return Optional.of(new Contents(plain.substring(0, dot),
                    Instant.ofEpochSecond(Long.parseLong(plain.substring(dot + 1)))));
        } catch (IllegalArgumentException | SealedSecretException e) {
            return Optional.empty();
        }
    }
}
