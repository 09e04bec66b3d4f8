package io.keygate.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.protocol.sigv4.ParsedSignature;
import io.keygate.protocol.sigv4.SigV4Parser;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Settings;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigV4Verifier;
import io.keygate.protocol.sigv4.SigningCredentials;

/**
 * What authenticating one request with session credentials costs (issue 2, goal: at least 100,000/s on one core
 * with the signing-key cache and the decoded-token cache warm): parse the SigV4 header ({@link SigV4Parser}), decode
 * the session token ({@link SessionTokenCodec#decode}, a cache hit after the first call), verify the signature
 * ({@link SigV4Verifier}, signing key cached per key/day/region/service).
 *
 * <p>The request is an STS {@code GetCallerIdentity} POST as the AWS CLI v2 sends it, signed with credentials that
 * {@link SessionTokenCodec} minted (the claims of a GetSessionToken session of an IAM user). Every clock is pinned
 * to one instant, so the 15-minute window never expires during a run.
 *
 * <pre>
 * mvn -o -q test-compile &amp;&amp; mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp-bench.txt \
 *     -Dmdep.includeScope=test &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp-bench.txt) \
 *     org.openjdk.jmh.Main AuthenticationBench -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthenticationBench {

    static final String ACCOUNT = "111122223333";
    static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

    private SigV4Parser parser;
    private SigV4Verifier verifier;
    private SessionTokenCodec codec;
    private SigV4Request request;
    private String token;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        Clock pinned = Clock.fixed(now, ZoneOffset.UTC);
        IdGenerator ids = new IdGenerator(new SecureRandom());
        codec = new SessionTokenCodec(KeyRing.generate(pinned));
        String secret = ids.secretAccessKey();
        SessionClaims claims = SessionClaims.builder()
                .accessKeyId(ids.temporaryAccessKeyId(ACCOUNT))
                .secretAccessKey(secret)
                .principalType(PrincipalType.SESSION_USER)
                .principalArn("arn:aws:iam::" + ACCOUNT + ":user/division/alice")
                .userId("AIDA" + "ABCDEFGHIJKLMNOPQ")
                .accountId(ACCOUNT)
                .partition("aws")
                .source("arn:aws:iam::" + ACCOUNT + ":user/division/alice", "AIDAABCDEFGHIJKLMNOPQ")
                .issuedAt(now.minus(Duration.ofMinutes(5)))
                .expiresAt(now.plus(Duration.ofHours(12)))
                .mfaPresent(false)
                .issuingAction(IssuingAction.GetSessionToken)
                .build();
        token = codec.encode(claims);

        SigV4Request unsigned = new SigV4Request("POST", "/", "", List.of(
                new SigV4Request.Header("Content-Type", SignedRequestGenerator.FORM),
                new SigV4Request.Header("Host", "127.0.0.1:8080")),
                BODY.getBytes(StandardCharsets.UTF_8), null);
        SigningCredentials credentials = new SigningCredentials(claims.accessKeyId().value(), secret, token);
        request = new SigV4Signer(pinned).sign(unsigned, credentials, "us-east-1", "sts").request()
                // sent by the CLI but not signed, as received by the server
                .withHeader("User-Agent", SignedRequestGenerator.USER_AGENT)
                .withHeader("Accept-Encoding", "identity")
                .withHeader("Content-Length", Integer.toString(BODY.length()));

        SigV4Settings settings = SigV4Settings.forServices(region -> true, "sts", "iam");
        parser = new SigV4Parser(settings, pinned);
        verifier = new SigV4Verifier(settings);
        // fail fast (and warm both caches) if the request does not verify
        if (!parseDecodeVerify().accessKeyId().equals(claims.accessKeyId())) {
            throw new IllegalStateException("decoded the wrong claims");
        }
    }

    /** The goal path: parse + cached token decode + verify with a cached signing key. */
    @Benchmark
    public SessionClaims parseDecodeVerify() {
        ParsedSignature signature = parser.parse(request).orElseThrow();
        SessionClaims claims = codec.decode(signature.securityToken());
        verifier.verify(signature, request, claims.secretAccessKey().getBytes(StandardCharsets.UTF_8));
        return claims;
    }

    /** Reference: the same with a cold token cache every time (full JWE decrypt + inflate + JSON read). */
    @Benchmark
    public SessionClaims parseDecodeUncachedVerify() {
        ParsedSignature signature = parser.parse(request).orElseThrow();
        SessionClaims claims = codec.decodeUncached(signature.securityToken());
        verifier.verify(signature, request, claims.secretAccessKey().getBytes(StandardCharsets.UTF_8));
        return claims;
    }

    /** Reference: the cached token decode alone (token shape check + SHA-256 of the token + map lookup). */
    @Benchmark
    public SessionClaims decodeCached() {
        return codec.decode(token);
    }
}
