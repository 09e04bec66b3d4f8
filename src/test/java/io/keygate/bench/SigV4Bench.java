package io.keygate.bench;

import io.keygate.protocol.sigv4.ParsedSignature;
import io.keygate.protocol.sigv4.SigV4Parser;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Settings;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigV4Verifier;
import io.keygate.protocol.sigv4.SigningCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + verify of a signed STS POST shaped like the AWS SDK for Java v2's (seven signed headers, body hashed by the
 * server), with the signing-key cache warm. Run: see docs/benchmarks.md or the sigv4 branch report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigV4Bench {

    private static final Instant NOW = Instant.parse("2026-11-28T09:55:10Z");
    private static final byte[] SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8);

    private SigV4Parser parser;
    private SigV4Verifier verifier;
    private SigV4Request request;
    private ParsedSignature parsed;

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SigV4Settings settings = SigV4Settings.forServices(Set.of("us-east-1", "aws-global")::contains, "sts", "iam");
        parser = new SigV4Parser(settings, clock);
        verifier = new SigV4Verifier(settings);
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SigV4Request unsigned = new SigV4Request("POST", "/", "", List.of(
                new SigV4Request.Header("Host", "localhost:8081"),
                new SigV4Request.Header("amz-sdk-invocation-id", "e835a63c-ddd8-3719-a04d-0b03a73c82f6"),
                new SigV4Request.Header("amz-sdk-request", "attempt=1; max=4"),
                new SigV4Request.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new SigV4Request.Header("Content-Length", Integer.toString(body.length))), body, null);
        SigV4Request signed = new SigV4Signer(clock).sign(unsigned,
                SigningCredentials.of("AKIAIOSFODNN7EXAMPLE", new String(SECRET, StandardCharsets.UTF_8)),
                "us-east-1", "sts", new SigV4Signer.Options(true, false, true)).request();
        // the headers the SDK sends but does not sign
        request = signed.withHeader("User-Agent", "aws-sdk-java/2.57.8 md/io#sync md/http#Apache5 ua/2.1 "
                + "api/STS#2.57.x os/Linux lang/java#17.0.15").withHeader("Connection", "keep-alive");
        parsed = parser.parse(request).orElseThrow();
        verifier.verify(parsed, request, SECRET); // warm the signing-key cache
    }

    /** What a request costs end to end: parse the Authorization header, then verify. */
    @Benchmark
    public ParsedSignature parseAndVerify() {
        ParsedSignature sig = parser.parse(request).orElseThrow();
        verifier.verify(sig, request, SECRET);
        return sig;
    }

    /** The verification alone (canonical request, body hash, HMAC, constant-time compare). */
    @Benchmark
    public ParsedSignature verifyOnly() {
        verifier.verify(parsed, request, SECRET);
        return parsed;
    }
}
