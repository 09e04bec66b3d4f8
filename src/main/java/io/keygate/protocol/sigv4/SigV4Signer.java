package io.keygate.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Signs requests with AWS Signature Version 4, in header mode ({@code Authorization}) or presigned mode (query
 * parameters), signing every header the request carries. Used by tests, benchmarks and Keygate's Java client for
 * resource servers. Thread-safe.
 */
public final class SigV4Signer {

    /**
     * How to sign.
     *
     * @param signBody         header mode: add and sign {@code x-amz-content-sha256} (as the Java SDK does)
     * @param omitSessionToken add {@code X-Amz-Security-Token} after signing instead of signing it
     * @param normalizePath    normalize the URI path (every service except S3)
     */
    public record Options(boolean signBody, boolean omitSessionToken, boolean normalizePath) {
        /** Sign like AWS CLI v2: no {@code x-amz-content-sha256}, token signed, path normalized. */
        public static final Options DEFAULT = new Options(false, false, true);
    }

    private final Clock clock;

    /** @param clock the time written into {@code X-Amz-Date}; not null */
    public SigV4Signer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signs in header mode with {@link Options#DEFAULT}. */
    public SignedRequest sign(SigV4Request request, SigningCredentials credentials, String region, String service) {
        return sign(request, credentials, region, service, Options.DEFAULT);
    }

    /**
     * Signs in header mode: adds {@code X-Amz-Date}, the session token and (optionally) {@code x-amz-content-sha256},
     * then {@code Authorization}. The request must already carry its {@code Host} header.
     */
    public SignedRequest sign(SigV4Request request, SigningCredentials credentials, String region, String service,
                              Options options) {
        String amzDate = AmzDate.format(clock.instant());
        String scope = amzDate.substring(0, 8) + '/' + region + '/' + service + "/aws4_request";
        String bodyHash = bodyHash(request);
        SigV4Request r = request.withHeader("X-Amz-Date", amzDate);
        String token = credentials.sessionToken();
        if (token != null && !options.omitSessionToken()) {
            r = r.withHeader("X-Amz-Security-Token", token);
        }
        if (options.signBody()) {
            r = r.withHeader("x-amz-content-sha256", bodyHash);
        }
        List<String> signed = headerNames(r);
        String canonical = CanonicalRequest.build(r, signed, bodyHash, false, options.normalizePath());
        String stringToSign = CanonicalRequest.stringToSign(amzDate, scope, canonical);
        String signature = signature(credentials, amzDate, region, service, stringToSign);
        r = r.withHeader("Authorization", ParsedSignature.ALGORITHM + " Credential=" + credentials.accessKeyId() + '/'
                + scope + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
        if (token != null && options.omitSessionToken()) {
            r = r.withHeader("X-Amz-Security-Token", token);
        }
        return new SignedRequest(r, canonical, stringToSign, signature);
    }

    /** Presigns with {@link Options#DEFAULT}. */
    public SignedRequest presign(SigV4Request request, SigningCredentials credentials, String region, String service,
                                 Duration expires) {
        return presign(request, credentials, region, service, expires, Options.DEFAULT);
    }

    /**
     * Presigns: appends the {@code X-Amz-*} query parameters and {@code X-Amz-Signature}. The payload hash is the
     * hash of the body (empty for a plain URL); {@code signBody} does not apply.
     *
     * @param expires 1 second to 7 days
     */
    public SignedRequest presign(SigV4Request request, SigningCredentials credentials, String region, String service,
                                 Duration expires, Options options) {
        long seconds = expires.getSeconds();
        if (seconds < 1 || seconds > SigV4Parser.MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires must be 1 second to 7 days");
        }
        String amzDate = AmzDate.format(clock.instant());
        String scope = amzDate.substring(0, 8) + '/' + region + '/' + service + "/aws4_request";
        List<String> signed = headerNames(request);
        StringBuilder q = new StringBuilder(request.rawQuery());
        if (q.length() > 0) {
            q.append('&');
        }
        q.append("X-Amz-Algorithm=").append(ParsedSignature.ALGORITHM)
                .append("&X-Amz-Credential=").append(CanonicalRequest.encode(credentials.accessKeyId() + '/' + scope))
                .append("&X-Amz-Date=").append(amzDate)
                .append("&X-Amz-SignedHeaders=").append(CanonicalRequest.encode(String.join(";", signed)))
                .append("&X-Amz-Expires=").append(seconds);
        String token = credentials.sessionToken();
        if (token != null && !options.omitSessionToken()) {
            q.append("&X-Amz-Security-Token=").append(CanonicalRequest.encode(token));
        }
        SigV4Request r = request.withRawQuery(q.toString());
        String canonical = CanonicalRequest.build(r, signed, bodyHash(request), true, options.normalizePath());
        String stringToSign = CanonicalRequest.stringToSign(amzDate, scope, canonical);
        String signature = signature(credentials, amzDate, region, service, stringToSign);
        q.append("&X-Amz-Signature=").append(signature);
        if (token != null && options.omitSessionToken()) {
            q.append("&X-Amz-Security-Token=").append(CanonicalRequest.encode(token));
        }
        return new SignedRequest(request.withRawQuery(q.toString()), canonical, stringToSign, signature);
    }

    private static String bodyHash(SigV4Request request) {
        return request.payloadHash() != null ? request.payloadHash() : SigV4Crypto.sha256Hex(request.bodyBytes());
    }

    private static String signature(SigningCredentials credentials, String amzDate, String region, String service,
                                    String stringToSign) {
        byte[] secret = credentials.secretAccessKey().getBytes(StandardCharsets.UTF_8);
        byte[] key = SigV4Crypto.signingKey(secret, amzDate.substring(0, 8), region, service);
        Arrays.fill(secret, (byte) 0);
        return SigV4Crypto.hex(SigV4Crypto.hmac(key, stringToSign));
    }

    /** Every header name on the request but Authorization, lowercased, distinct and sorted. */
    private static List<String> headerNames(SigV4Request request) {
        TreeSet<String> names = new TreeSet<>();
        for (SigV4Request.Header h : request.headers()) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (!n.equals("authorization")) {
                names.add(n);
            }
        }
        return new ArrayList<>(names);
    }
}
