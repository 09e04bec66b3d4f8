package io.keygate.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Test fixtures: an STS Query POST shaped like the AWS SDK for Java v2's (STACK.md section 5), signed or not. */
final class StsRequests {

    static final Instant NOW = Instant.parse("2026-11-28T09:55:10Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final SigningCredentials CREDENTIALS = SigningCredentials.of(AKID, SECRET);
    static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
    static final Set<String> REGIONS = Set.of("us-east-1", "us-west-2", "aws-global");
    static final SigV4Settings SETTINGS = SigV4Settings.forServices(REGIONS::contains, "sts", "iam");
    static final SigV4Signer.Options JAVA_SDK = new SigV4Signer.Options(true, false, true);
    static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

    private StsRequests() {
    }

    /** The unsigned request the Java SDK builds before signing. */
    static SigV4Request unsigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new SigV4Request("POST", "/", "", List.of(
                new SigV4Request.Header("Host", "localhost:8081"),
                new SigV4Request.Header("amz-sdk-invocation-id", "e835a63c-ddd8-3719-a04d-0b03a73c82f6"),
                new SigV4Request.Header("amz-sdk-request", "attempt=1; max=4"),
                new SigV4Request.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new SigV4Request.Header("Content-Length", Integer.toString(bytes.length))), bytes, null);
    }

    /** Signed like the Java SDK (x-amz-content-sha256 signed) for sts in us-east-1 at {@link #NOW}. */
    static SigV4Request javaSdk() {
        return new SigV4Signer(CLOCK).sign(unsigned(BODY), CREDENTIALS, "us-east-1", "sts", JAVA_SDK).request();
    }

    /** Signed like AWS CLI v2 (no x-amz-content-sha256). */
    static SigV4Request cli() {
        return new SigV4Signer(CLOCK).sign(unsigned(BODY), CREDENTIALS, "us-east-1", "sts").request();
    }

    /** The same request with every header of this name replaced by one with the given value. */
    static SigV4Request replaceHeader(SigV4Request r, String name, String value) {
        List<SigV4Request.Header> headers = new java.util.ArrayList<>();
        boolean done = false;
        for (SigV4Request.Header h : r.headers()) {
            if (h.name().equalsIgnoreCase(name)) {
                if (!done && value != null) {
                    headers.add(new SigV4Request.Header(h.name(), value));
                }
                done = true;
            } else {
                headers.add(h);
            }
        }
        if (!done && value != null) {
            headers.add(new SigV4Request.Header(name, value));
        }
        return new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), headers, r.body(), r.payloadHash());
    }

    static SigV4Request withBody(SigV4Request r, String body) {
        return new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Parses with {@link #SETTINGS} at the given clock, then verifies with {@link #SECRET}. */
    static ParsedSignature check(SigV4Request r, Clock clock) {
        ParsedSignature sig = new SigV4Parser(SETTINGS, clock).parse(r).orElseThrow();
        new SigV4Verifier(SETTINGS).verify(sig, r, SECRET_BYTES);
        return sig;
    }

    static ParsedSignature check(SigV4Request r) {
        return check(r, CLOCK);
    }
}
