package io.keygate.signin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.credentials.SealedSecretException;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SessionTokenCodec;

/**
 * The wire form of a sign-in token, sealed with AES-256-GCM under the key ring's active key (see
 * {@link SecretSealer}): opaque to clients, and it cannot be forged or altered.
 *
 * <p>Format 2 (what {@link #seal} makes) carries everything a login needs: the token's random id, its expiry, the
 * console session's expiry and the session token it stands for, as a JSON object whose unknown fields are ignored
 * (a later version may add some). Minting one therefore stores nothing: a flood of getSigninToken calls costs no
 * memory, and single use is enforced at login, where the id is marked used in the shared expiring cache until the
 * token expires. It is the sealer's own compact form ({@code v1.<kid>.<iv>.<ciphertext>}, URL-safe).
 *
 * <p>Format 1 (made by earlier versions, still opened for a rolling upgrade) is the base64url of a sealed
 * {@code <id>.<expiry>}; what it grants lives server-side under its id.
 *
 * <p>Thread-safe.
 */
public final class SigninTokens {

    /** The associated data of format 1 tokens: nothing else that Keygate seals opens as one. */
    private static final String CONTEXT_1 = "keygate/signin-token/v1";
    /** The associated data of format 2 tokens. */
    private static final String CONTEXT_2 = "keygate/signin-token/v2";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Format 1 tokens were never longer. */
    private static final int MAX_TOKEN_1_LENGTH = 512;
    /**
     * Far above any token this class makes (the longest session token sealed and encoded), and within the request
     * line the HTTP server accepts ({@code quarkus.http.limits.max-initial-line-length}); a longer parameter is
     * refused before any decoding.
     */
    static final int MAX_TOKEN_LENGTH = SessionTokenCodec.MAX_TOKEN_LENGTH * 4 / 3 + 512;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2)
                    .maxStringLength(SessionTokenCodec.MAX_TOKEN_LENGTH).build())
            .build());

    private final SecretSealer sealer;

    public SigninTokens(SecretSealer sealer) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * What a sign-in token carries: its id and expiry, and (format 2) the console session's expiry and the session
     * token; a format 1 token has neither, they are in its server-side grant.
     */
    public record Contents(String id, Instant expiresAt, Instant consoleExpiresAt, String sessionToken) {
        public Contents {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id must be 32 random bytes in base64url");
            }
            Objects.requireNonNull(expiresAt, "expiresAt");
            if ((consoleExpiresAt == null) != (sessionToken == null)) {
                throw new IllegalArgumentException("a token carries both the console expiry and the session or none");
            }
        }

        /** True for a format 1 token, whose grant is stored under its id. */
        public boolean grantStored() {
            return sessionToken == null;
        }
    }

    /** Seals {@code contents} (with its session) as a format 2 token. */
    public String seal(Contents contents) {
        if (contents.grantStored()) {
            throw new IllegalArgumentException("only tokens that carry their session are made");
        }
        String plain = JSON.createObjectNode()
                .put("v", 2)
                .put("id", contents.id())
                .put("exp", contents.expiresAt().getEpochSecond())
                .put("cexp", contents.consoleExpiresAt().getEpochSecond())
                .put("st", contents.sessionToken())
                .toString();
        return sealer.seal(CONTEXT_2, plain);
    }

    /** The contents of {@code token}, or empty if it is malformed, altered or sealed under an unknown key. */
    public Optional<Contents> open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            if (SecretSealer.kidOf(token).isPresent()) {
                return openFormat2(sealer.open(CONTEXT_2, token));
            }
            if (token.length() > MAX_TOKEN_1_LENGTH) {
                return Optional.empty();
            }
            String sealed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String plain = sealer.open(CONTEXT_1, sealed);
            int dot = plain.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            return Optional.of(new Contents(plain.substring(0, dot),
                    Instant.ofEpochSecond(Long.parseLong(plain.substring(dot + 1))), null, null));
        } catch (IllegalArgumentException | SealedSecretException e) {
            return Optional.empty();
        }
    }

    private static Optional<Contents> openFormat2(String plain) {
        JsonNode node;
        try {
            node = JSON.readTree(plain);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.path("id").isTextual() || !node.path("exp").canConvertToExactIntegral()
                || !node.path("cexp").canConvertToExactIntegral() || !node.path("st").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Contents(node.get("id").asText(), Instant.ofEpochSecond(node.get("exp").asLong()),
                Instant.ofEpochSecond(node.get("cexp").asLong()), node.get("st").asText()));
    }
}
