package io.keygate.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of the aws-c-auth SigV4 suite, in header mode and presigned mode. */
class SigV4SuiteTest {

    static Stream<String> cases() {
        return VectorFixtures.CASES.stream();
    }

    @Test
    void suiteHasAll38Cases() {
        assertEquals(38, VectorFixtures.CASES.size());
        for (String c : VectorFixtures.CASES) {
            assertNotNull(VectorFixtures.bytes(c, "request.txt"), c);
            assertNotNull(VectorFixtures.bytes(c, "header-signature.txt"), c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningWhenVectorSignedThenCanonicalRequestStringToSignAndSignatureMatch(String name) {
        VectorFixtures.Context ctx = VectorFixtures.context(name);
        SigV4Request request = VectorFixtures.request(VectorFixtures.bytes(name, "request.txt"));
        SignedRequest signed = new SigV4Signer(Clock.fixed(ctx.timestamp(), ZoneOffset.UTC))
                .sign(request, ctx.credentials(), ctx.region(), ctx.service(), ctx.options());

        assertEquals(VectorFixtures.text(name, "header-canonical-request.txt"), signed.canonicalRequest());
        assertEquals(VectorFixtures.text(name, "header-string-to-sign.txt"), signed.stringToSign());
        assertEquals(VectorFixtures.text(name, "header-signature.txt"), signed.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerVerificationWhenVectorSignedRequestThenAccepted(String name) {
        VectorFixtures.Context ctx = VectorFixtures.context(name);
        SigV4Request request = VectorFixtures.request(VectorFixtures.bytes(name, "header-signed-request.txt"));
        ParsedSignature sig = parseAndVerify(ctx, request);

        assertEquals(ctx.accessKeyId(), sig.accessKeyId());
        assertEquals(ctx.timestamp(), sig.timestamp());
        assertEquals(VectorFixtures.text(name, "header-signature.txt"), sig.signature());
        assertEquals(ctx.token(), sig.securityToken());
        assertTrue(!sig.presigned());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierCanonicalRequestWhenVectorSignedRequestThenEqualsExpected(String name) {
        VectorFixtures.Context ctx = VectorFixtures.context(name);
        SigV4Request request = VectorFixtures.request(VectorFixtures.bytes(name, "header-signed-request.txt"));
        SigV4Settings settings = settings(ctx);
        ParsedSignature sig = new SigV4Parser(settings, clock(ctx)).parse(request).orElseThrow();
        assertEquals(VectorFixtures.text(name, "header-canonical-request.txt"),
                new SigV4Verifier(settings).canonicalRequest(sig, request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void presigningWhenVectorSignedThenCanonicalRequestStringToSignAndSignatureMatch(String name) {
        VectorFixtures.Context ctx = VectorFixtures.context(name);
        SigV4Request request = VectorFixtures.request(VectorFixtures.bytes(name, "request.txt"));
        SignedRequest signed = new SigV4Signer(clock(ctx)).presign(request, ctx.credentials(), ctx.region(),
                ctx.service(), Duration.ofSeconds(ctx.expirationSeconds()), ctx.options());

        assertEquals(VectorFixtures.text(name, "query-canonical-request.txt"), signed.canonicalRequest());
        assertEquals(VectorFixtures.text(name, "query-string-to-sign.txt"), signed.stringToSign());
        assertEquals(VectorFixtures.text(name, "query-signature.txt"), signed.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void presignedVerificationWhenVectorSignedRequestThenAccepted(String name) {
        VectorFixtures.Context ctx = VectorFixtures.context(name);
        SigV4Request request = VectorFixtures.request(VectorFixtures.bytes(name, "query-signed-request.txt"));
        ParsedSignature sig = parseAndVerify(ctx, request);

        assertTrue(sig.presigned());
        assertEquals(ctx.expirationSeconds(), sig.expiresSeconds());
        assertEquals(VectorFixtures.text(name, "query-signature.txt"), sig.signature());
        assertEquals(ctx.token(), sig.securityToken());
    }

    private static ParsedSignature parseAndVerify(VectorFixtures.Context ctx, SigV4Request request) {
        SigV4Settings settings = settings(ctx);
        ParsedSignature sig = new SigV4Parser(settings, clock(ctx)).parse(request).orElseThrow();
        new SigV4Verifier(settings).verify(sig, request, ctx.secret().getBytes(StandardCharsets.UTF_8));
        new SigV4Verifier(settings).verify(sig, request, ctx.secret().toCharArray());
        return sig;
    }

    static SigV4Settings settings(VectorFixtures.Context ctx) {
        return SigV4Settings.forServices(ctx.region()::equals, ctx.service()).withNormalizePath(ctx.normalize());
    }

    static Clock clock(VectorFixtures.Context ctx) {
        return Clock.fixed(ctx.timestamp(), ZoneOffset.UTC);
    }
}
