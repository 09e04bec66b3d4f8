package io.keygate.protocol.sigv4;

import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Checks a SigV4 signature found by {@link SigV4Parser}: rebuilds the canonical request from the request as received,
 * hashes the body itself (AWS CLI and boto3 send no {@code x-amz-content-sha256}), derives the signing key from the
 * secret (cached per key id and scope) and compares signatures in constant time (AWS General Reference, "Signature
 * Version 4 signing process").
 *
 * <p>Thread-safe; one instance serves the whole application.
 */
public final class SigV4Verifier {

    /** The message AWS returns for a wrong signature. */
    public static final String MISMATCH_MESSAGE = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final int DEFAULT_CACHE_SIZE = 4096;

    private final boolean normalizePath;
    private final SigningKeyCache keys;

    /** A verifier with path normalization taken from the settings and a signing-key cache of 4096 entries. */
    public SigV4Verifier(SigV4Settings settings) {
        this(settings, DEFAULT_CACHE_SIZE);
    }

    /**
     * @param settings     only {@link SigV4Settings#normalizePath()} is used here
     * @param maxCacheKeys bound of the signing-key cache, at least 1
     */
    public SigV4Verifier(SigV4Settings settings, int maxCacheKeys) {
        this.normalizePath = Objects.requireNonNull(settings, "settings").normalizePath();
        this.keys = new SigningKeyCache(maxCacheKeys);
    }

    /**
     * Verifies the signature with the secret given as UTF-8 bytes (not kept, only its fingerprint).
     *
     * @throws AuthFailureException {@code SignatureDoesNotMatch} when the signature or the payload hash is wrong
     */
    public void verify(ParsedSignature signature, SigV4Request request, byte[] secretAccessKey) {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        String bodyHash = request.payloadHash() != null ? request.payloadHash()
                : SigV4Crypto.sha256Hex(request.bodyBytes());
        String payload = payloadHash(request, bodyHash);
        byte[] key = keys.signingKey(secretAccessKey, signature.accessKeyId(), signature.scopeDate(),
                signature.region(), signature.service());
        byte[] expected = SigV4Crypto.unhex(signature.signature());
        if (expected == null) {
            throw mismatch();
        }
        // Some presigners (S3 style) sign UNSIGNED-PAYLOAD; acceptable only when there is no payload to protect.
        boolean tryUnsigned = signature.presigned() && SigV4Crypto.EMPTY_SHA256.equals(bodyHash)
                && !payload.equals(UNSIGNED_PAYLOAD);
        // Some presigners add X-Amz-Security-Token after signing; the token authenticates itself (AEAD) and the
        // caller binds it to the access key id, so leaving it out of the canonical query grants nothing.
        boolean tryWithoutToken = signature.presigned() && signature.securityToken() != null
                && request.rawQuery().contains("X-Amz-Security-Token=");
        if (matches(signature, request, payload, false, key, expected)
                || tryUnsigned && matches(signature, request, UNSIGNED_PAYLOAD, false, key, expected)
                || tryWithoutToken && matches(signature, request, payload, true, key, expected)
                || tryWithoutToken && tryUnsigned && matches(signature, request, UNSIGNED_PAYLOAD, true, key, expected)) {
            return;
        }
        throw mismatch();
    }

    /** Verifies the signature with the secret given as characters. */
    public void verify(ParsedSignature signature, SigV4Request request, char[] secretAccessKey) {
        java.nio.ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secretAccessKey));
        byte[] secret = new byte[bb.remaining()];
        bb.get(secret);
        Arrays.fill(bb.array(), (byte) 0);
        try {
            verify(signature, request, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The canonical request this verifier builds for the request (for diagnostics and tests). */
    public String canonicalRequest(ParsedSignature signature, SigV4Request request) {
        String bodyHash = request.payloadHash() != null ? request.payloadHash()
                : SigV4Crypto.sha256Hex(request.bodyBytes());
        return CanonicalRequest.build(request, signature.signedHeaders(), payloadHash(request, bodyHash),
                signature.presigned(), normalizePath);
    }

    private boolean matches(ParsedSignature signature, SigV4Request request, String payload, boolean excludeToken,
                            byte[] key, byte[] expected) {
        String canonical = CanonicalRequest.build(request, signature.signedHeaders(), payload,
                signature.presigned(), excludeToken, normalizePath);
        String stringToSign = CanonicalRequest.stringToSign(signature.amzDate(), signature.credentialScope(),
                canonical);
        byte[] actual = SigV4Crypto.hmac(key, stringToSign);
        return MessageDigest.isEqual(actual, expected);
    }

    /**
     * The payload hash for the canonical request. A client's {@code x-amz-content-sha256} must equal the hash of the
     * body received; {@code UNSIGNED-PAYLOAD} is accepted only for a request without a body, so a body is never
     * left unauthenticated.
     */
    private static String payloadHash(SigV4Request request, String bodyHash) {
        String claimed = request.header("x-amz-content-sha256");
        if (claimed == null) {
            return bodyHash;
        }
        claimed = claimed.trim();
        if (claimed.equals(UNSIGNED_PAYLOAD)) {
            if (!SigV4Crypto.EMPTY_SHA256.equals(bodyHash)) {
                throw new AuthFailureException(AwsErrorCode.SignatureDoesNotMatch,
                        "UNSIGNED-PAYLOAD is only accepted for requests without a body; sign the payload hash.");
            }
            return UNSIGNED_PAYLOAD;
        }
        if (!claimed.equals(bodyHash)) {
            throw new AuthFailureException(AwsErrorCode.SignatureDoesNotMatch,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return bodyHash;
    }

    private static AuthFailureException mismatch() {
        return new AuthFailureException(AwsErrorCode.SignatureDoesNotMatch, MISMATCH_MESSAGE);
    }
}
