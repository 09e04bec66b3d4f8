package io.keygate.protocol.sigv4;

import java.util.Objects;

/**
 * The result of {@link SigV4Signer}: the request with its signature added, and the intermediate strings (useful to
 * compare with another implementation when a signature does not match). Immutable.
 *
 * @param request          the signed request (Authorization header added, or presigned query parameters)
 * @param canonicalRequest the canonical request that was signed
 * @param stringToSign     the string to sign
 * @param signature        the hex signature
 */
public record SignedRequest(SigV4Request request, String canonicalRequest, String stringToSign, String signature) {

    public SignedRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(canonicalRequest, "canonicalRequest");
        Objects.requireNonNull(stringToSign, "stringToSign");
        Objects.requireNonNull(signature, "signature");
    }
}
