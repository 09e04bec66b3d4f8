package io.keygate.protocol.sigv4;

import static io.keygate.protocol.sigv4.StsRequests.CLOCK;
import static io.keygate.protocol.sigv4.StsRequests.CREDENTIALS;
import static io.keygate.protocol.sigv4.StsRequests.SECRET_BYTES;
import static io.keygate.protocol.sigv4.StsRequests.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of sign → parse → verify over random requests, and of the parser over hostile input. */
class SigV4Properties {

    private static final SigV4Signer SIGNER = new SigV4Signer(CLOCK);
    private static final SigV4Parser PARSER = new SigV4Parser(SETTINGS, CLOCK);
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(SETTINGS);

    /** A random request and whether to sign it like the Java SDK (x-amz-content-sha256) or like the CLI. */
    record Case(SigV4Request request, boolean signBody, boolean presign) {
    }

    @Provide
    Arbitrary<Case> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE");
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ019-._~ %+=:@!$'()*,;").withChars('\u1234',
                '\u00e9', '\uD83D').ofMaxLength(8);
        Arbitrary<String> path = segment.list().ofMaxSize(5).map(s -> "/" + String.join("/", s));
        Arbitrary<String> queryPart = Arbitraries.strings().withChars("abcXYZ019-._~%+/:@ ").withChars('\u00e9')
                .ofMaxLength(8);
        Arbitrary<String> query = Combinators.combine(queryPart, queryPart).as((k, v) -> k + "=" + v).list()
                .ofMaxSize(4).map(l -> String.join("&", l));
        Arbitrary<String> headerName = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-").ofMinLength(1)
                .ofMaxLength(12).filter(n -> !n.equals("authorization") && !n.startsWith("x-amz-")
                        && !n.equals("host") && !n.equals("date"));
        Arbitrary<String> headerValue = Arbitraries.strings().withChars(" \tabcABC019;,=\"/").ofMaxLength(20);
        Arbitrary<List<SigV4Request.Header>> headers = Combinators.combine(headerName, headerValue)
                .as(SigV4Request.Header::new).list().ofMaxSize(6);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Combinators.combine(method, path, query, headers, body, Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((m, p, q, h, b, signBody, presign) -> {
                    List<SigV4Request.Header> all = new ArrayList<>(h);
                    all.add(0, new SigV4Request.Header("Host", "sts.example.test"));
                    return new Case(new SigV4Request(m, p, q, all, b, null), signBody, presign);
                });
    }

    private static SignedRequest sign(Case c) {
        SigV4Signer.Options options = new SigV4Signer.Options(c.signBody(), false, true);
        return c.presign()
                ? SIGNER.presign(c.request(), CREDENTIALS, "us-east-1", "sts", java.time.Duration.ofMinutes(5), options)
                : SIGNER.sign(c.request(), CREDENTIALS, "us-east-1", "sts", options);
    }

    private static void check(SigV4Request r) {
        ParsedSignature sig = PARSER.parse(r).orElseThrow();
        VERIFIER.verify(sig, r, SECRET_BYTES);
    }

    @Property(tries = 500)
    void signedRequestsAreAccepted(@ForAll("requests") Case c) {
        check(sign(c).request());
    }

    @Property(tries = 300)
    void anySingleByteChangeToTheBodyIsRefused(@ForAll("requests") Case c, @ForAll int position,
                                               @ForAll @IntRange(min = 1, max = 255) int flip) {
        SigV4Request signed = sign(c).request();
        byte[] body = signed.body();
        if (body.length == 0) {
            body = new byte[] {(byte) flip};
        } else {
            int i = Math.floorMod(position, body.length);
            body[i] = (byte) (body[i] ^ flip);
        }
        SigV4Request changed = new SigV4Request(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), body, null);
        assertRefused(changed, AwsErrorCode.SignatureDoesNotMatch);
    }

    @Property(tries = 300)
    void anySingleCharacterChangeToASignedHeaderValueIsRefused(@ForAll("requests") Case c, @ForAll int which,
                                                              @ForAll int position) {
        SigV4Request signed = sign(c).request();
        List<SigV4Request.Header> headers = new ArrayList<>(signed.headers());
        // only headers that carry a visible character; changing one to another visible character is never a
        // whitespace-only change that canonicalization would undo
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String n = headers.get(i).name();
            if (!n.equalsIgnoreCase("Authorization") && headers.get(i).value().trim().length() > 0) {
                candidates.add(i);
            }
        }
        int h = candidates.get(Math.floorMod(which, candidates.size()));
        String v = headers.get(h).value();
        List<Integer> visible = new ArrayList<>();
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) > ' ') {
                visible.add(i);
            }
        }
        int at = visible.get(Math.floorMod(position, visible.size()));
        char replacement = v.charAt(at) == 'q' ? 'r' : 'q';
        headers.set(h, new SigV4Request.Header(headers.get(h).name(),
                v.substring(0, at) + replacement + v.substring(at + 1)));
        SigV4Request changed = new SigV4Request(signed.method(), signed.rawPath(), signed.rawQuery(), headers,
                signed.body(), null);
        try {
            check(changed);
            throw new AssertionError("accepted a changed header " + headers.get(h));
        } catch (KeygateException e) {
            assertTrue(java.util.Set.of(AwsErrorCode.SignatureDoesNotMatch, AwsErrorCode.IncompleteSignature)
                    .contains(e.code()), e.code() + ": " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> authorizationish() {
        Arbitrary<String> fragment = Arbitraries.of("AWS4-HMAC-SHA256", " ", ",", ", ", "Credential=", "SignedHeaders=",
                "Signature=", "/", "AKID", "20261128", "us-east-1", "sts", "aws4_request", "host", ";", "x-amz-date",
                "=", "a".repeat(64), "%", "\u0000", "\u00e9", "\uD83D", "0123456789abcdef", "Date");
        Arbitrary<String> built = fragment.list().ofMaxSize(30).map(l -> String.join("", l));
        return Arbitraries.oneOf(built, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().ofMinLength(9_000).ofMaxLength(10_000));
    }

    @Property(tries = 1000)
    void arbitraryAuthorizationHeadersOnlyRaiseKeygateExceptions(@ForAll("authorizationish") String authorization,
                                                                 @ForAll("authorizationish") String amzDate) {
        SigV4Request r = StsRequests.unsigned(StsRequests.BODY).withHeader("Authorization", authorization)
                .withHeader("X-Amz-Date", amzDate);
        assertOnlyKeygateExceptions(r);
    }

    @Property(tries = 1000)
    void arbitraryPresignedQueriesOnlyRaiseKeygateExceptions(@ForAll("authorizationish") String credential,
                                                             @ForAll("authorizationish") String signedHeaders,
                                                             @ForAll("authorizationish") String other) {
        String q = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + credential + "&X-Amz-Date=" + other
                + "&X-Amz-Expires=" + other + "&X-Amz-SignedHeaders=" + signedHeaders + "&X-Amz-Signature=" + other
                + "&" + other;
        assertOnlyKeygateExceptions(StsRequests.unsigned("").withRawQuery(q));
        assertOnlyKeygateExceptions(StsRequests.unsigned("").withRawQuery(other));
    }

    private static void assertOnlyKeygateExceptions(SigV4Request r) {
        try {
            PARSER.parse(r).ifPresent(sig -> VERIFIER.verify(sig, r, SECRET_BYTES));
        } catch (KeygateException expected) {
            assertTrue(java.util.Set.of(AwsErrorCode.IncompleteSignature, AwsErrorCode.SignatureDoesNotMatch,
                    AwsErrorCode.RequestExpired).contains(expected.code()), expected.getMessage());
        }
    }

    private static void assertRefused(SigV4Request r, AwsErrorCode code) {
        try {
            check(r);
            throw new AssertionError("accepted a changed request");
        } catch (KeygateException e) {
            assertEquals(code, e.code(), e.getMessage());
        }
    }
}
