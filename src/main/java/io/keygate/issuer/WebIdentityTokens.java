package io.keygate.issuer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.keygate.credentials.ThreadLocalSecureRandom;

/**
 * Signs the JWTs of STS {@code GetWebIdentityToken} with {@link IssuerKeys}: {@code iss} the account's issuer URL,
 * {@code sub} the calling principal, {@code aud}, {@code iat}/{@code nbf}/{@code exp}, a {@code jti}, and the
 * caller's facts and request tags under the {@code https://sts.amazonaws.com/} claim. Thread-safe.
 */
public final class WebIdentityTokens {

    /** Largest payload Keygate signs (JWTPayloadSizeExceededException beyond). */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** The claim holding Keygate's facts about the caller. */
    public static final String FACTS_CLAIM = "https://sts.amazonaws.com/";

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiration) {
        @Override
        public String toString() {
            return "Issued[expires " + expiration + "]";
        }
    }

    /** The payload would be too large to sign. */
    public static final class PayloadTooLarge extends RuntimeException {
        PayloadTooLarge(int bytes) {
            super("The token payload would be " + bytes + " bytes; at most " + MAX_PAYLOAD_BYTES + " are signed.",
                    null, false, false);
        }
    }

    private final IssuerKeys keys;
    private final Clock clock;

    public WebIdentityTokens(IssuerKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param issuerUrl the account's issuer URL
     * @param subject   the principal ARN
     * @param audiences {@code aud}
     * @param lifetime  how long the token is valid
     * @param algorithm RS256 or ES384
     * @param facts     members of the {@value #FACTS_CLAIM} claim (account, principal id, region, request tags …)
     */
    public Issued issue(String issuerUrl, String subject, List<String> audiences, Duration lifetime,
                        JWSAlgorithm algorithm, Map<String, Object> facts) {
        return sign(issuerUrl, subject, audiences, lifetime, algorithm,
                Map.of(FACTS_CLAIM, new LinkedHashMap<>(facts)));
    }

    /**
     * A token with {@code claims} at the top level beside the registered ones (identity pools' {@code amr}).
     *
     * @param claims extra claims; they never replace {@code iss}, {@code sub}, {@code aud} or the times
     */
    public Issued sign(String issuerUrl, String subject, List<String> audiences, Duration lifetime,
                       JWSAlgorithm algorithm, Map<String, Object> claims) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        JWTClaimsSet set = builder
                .issuer(issuerUrl)
                .subject(subject)
                .audience(audiences)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(jti())
                .build();
        return signed(set, algorithm, expires);
    }

    /**
     * A random (version 4) UUID from a per-thread DRBG: {@link UUID#randomUUID()} draws from one generator that
     * every signing thread waits for.
     */
    private static String jti() {
        byte[] b = new byte[16];
        ThreadLocalSecureRandom.INSTANCE.nextBytes(b);
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(b);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    private Issued signed(JWTClaimsSet claims, JWSAlgorithm algorithm, Instant expires) {
        int size = claims.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new PayloadTooLarge(size);
        }
        IssuerKeys.Signing signing = keys.signing(algorithm);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(signing.kid()).type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The discovery document of an issuer (OpenID Connect Discovery 1.0 §3). */
    public static Map<String, Object> discovery(String issuerUrl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuerUrl);
        doc.put("jwks_uri", issuerUrl + "/.well-known/jwks.json");
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", FACTS_CLAIM));
        return doc;
    }
}
