package io.keygate.protocol.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SigV4 elements of a request, found by {@link SigV4Parser} in the {@code Authorization} header or in a presigned
 * query, already checked for shape, scope and freshness (but not yet for the signature itself).
 *
 * <p>Immutable and thread-safe.
 *
 * @param accessKeyId    the access key id from the credential scope
 * @param scopeDate      the credential scope date, {@code yyyyMMdd}
 * @param region         the credential scope region
 * @param service        the credential scope service
 * @param signedHeaders  the lowercase signed header names, in the order the client listed them
 * @param signature      the signature, 64 lowercase hex characters
 * @param timestamp      the request time from {@code X-Amz-Date} (header or query) or {@code Date}
 * @param securityToken  the session token from {@code X-Amz-Security-Token} (header or query); null when none
 * @param presigned      true when the signature came from the query string
 * @param expiresSeconds {@code X-Amz-Expires} for presigned requests, 0 otherwise
 */
public record ParsedSignature(String accessKeyId, String scopeDate, String region, String service,
                              List<String> signedHeaders, String signature, Instant timestamp, String securityToken,
                              boolean presigned, long expiresSeconds) {

    /** The algorithm name, the only one Keygate accepts. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public ParsedSignature {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scopeDate, "scopeDate");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The session token, if the request carried one. */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(securityToken);
    }

    /** {@code date/region/service/aws4_request}. */
    public String credentialScope() {
        return scopeDate + '/' + region + '/' + service + "/aws4_request";
    }

    /** The timestamp as it appears in the string to sign, {@code yyyyMMdd'T'HHmmss'Z'}. */
    public String amzDate() {
        return AmzDate.format(timestamp);
    }

    @Override
    public String toString() {
        // no token in logs (THREATS.md, Operations)
        return "ParsedSignature[" + accessKeyId + ", " + credentialScope() + ", signedHeaders=" + signedHeaders
                + ", timestamp=" + timestamp + ", token=" + (securityToken != null) + ", presigned=" + presigned
                + (presigned ? ", expires=" + expiresSeconds : "") + "]";
    }
}
