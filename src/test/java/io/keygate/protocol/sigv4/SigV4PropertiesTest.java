package io.keygate.protocol.sigv4;

import static io.keygate.protocol.sigv4.StsRequests.CLOCK;
import static io.keygate.protocol.sigv4.StsRequests.CREDENTIALS;
import static io.keygate.protocol.sigv4.StsRequests.SECRET_BYTES;
import static io.keygate.protocol.sigv4.StsRequests.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.support.Seeded;
import io.keygate.support.Seeded.Gen;
import io.keygate.support.Seeded.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of sign → parse → verify over random requests, and of the parser over hostile input. Inputs come from a
 * seeded generator ({@link Seeded}); every byte of a signed body and every visible character of a signed header is
 * changed in turn, not one drawn at random.
 */
class SigV4PropertiesTest {

    private static final SigV4Signer SIGNER = new SigV4Signer(CLOCK);
    private static final SigV4Parser PARSER = new SigV4Parser(SETTINGS, CLOCK);
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(SETTINGS);

    /** A random request and whether to sign it like the Java SDK (x-amz-content-sha256) or like the CLI. */
    record Case(SigV4Request request, boolean signBody, boolean presign) {
    }

    /** A request and the bits to flip in a byte of its body. */
    record BodyChange(Case request, int flip) {
    }

    private static final String SEGMENT_CHARS = "abcXYZ019-._~ %+=:@!$'()*,;\u1234\u00e9\uD83D";
    private static final String QUERY_CHARS = "abcXYZ019-._~%+/:@ \u00e9";

    private static Case request(Gen g) {
        String path = "/" + String.join("/", g.list(0, 5, () -> g.string(SEGMENT_CHARS, 0, 8)));
        String query = String.join("&", g.list(0, 4, () -> g.string(QUERY_CHARS, 0, 8) + "="
                + g.string(QUERY_CHARS, 0, 8)));
        List<SigV4Request.Header> headers = new ArrayList<>();
        headers.add(new SigV4Request.Header("Host", "sts.example.test"));
        headers.addAll(g.list(0, 6, () -> {
            String name;
            do {
                name = g.string("abcdefghijklmnopqrstuvwxyz-", 1, 12);
            } while (name.equals("authorization") || name.startsWith("x-amz-") || name.equals("host")
                    || name.equals("date"));
            return new SigV4Request.Header(name, g.string(" \tabcABC019;,=\"/", 0, 20));
        }));
        return new Case(new SigV4Request(g.oneOf("GET", "POST", "PUT", "DELETE"), path, query, headers, g.bytes(64),
                null), g.bool(), g.bool());
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

    @TestFactory
    Stream<DynamicTest> signedRequestsAreAccepted() {
        return Seeded.cases("signed request accepted", 500, SigV4PropertiesTest::request, c -> check(sign(c).request()));
    }

    @TestFactory
    Stream<DynamicTest> anySingleByteChangeToTheBodyIsRefused() {
        return Seeded.cases("body byte changed", 300, g -> new BodyChange(request(g), g.between(1, 255)), input -> {
            SigV4Request signed = sign(input.request()).request();
            int flip = input.flip();
            if (signed.body().length == 0) {
                assertRefused(withBody(signed, new byte[] {(byte) flip}), AwsErrorCode.SignatureDoesNotMatch);
            }
            for (int i = 0; i < signed.body().length; i++) {
                byte[] body = signed.body().clone();
                body[i] = (byte) (body[i] ^ flip);
                assertRefused(withBody(signed, body), AwsErrorCode.SignatureDoesNotMatch);
            }
        });
    }

    private static SigV4Request withBody(SigV4Request r, byte[] body) {
        return new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body, null);
    }

    @TestFactory
    Stream<DynamicTest> anySingleCharacterChangeToASignedHeaderValueIsRefused() {
        return Seeded.cases("signed header changed", 300, SigV4PropertiesTest::request, c -> {
            SigV4Request signed = sign(c).request();
            for (int h = 0; h < signed.headers().size(); h++) {
                // only visible characters: changing one to another visible character is never a whitespace-only
                // change that canonicalization would undo
                SigV4Request.Header header = signed.headers().get(h);
                if (header.name().equalsIgnoreCase("Authorization")) {
                    continue;
                }
                String v = header.value();
                for (int at = 0; at < v.length(); at++) {
                    if (v.charAt(at) <= ' ') {
                        continue;
                    }
                    char replacement = v.charAt(at) == 'q' ? 'r' : 'q';
                    List<SigV4Request.Header> headers = new ArrayList<>(signed.headers());
                    headers.set(h, new SigV4Request.Header(header.name(),
                            v.substring(0, at) + replacement + v.substring(at + 1)));
                    SigV4Request changed = new SigV4Request(signed.method(), signed.rawPath(), signed.rawQuery(),
                            headers, signed.body(), null);
                    try {
                        check(changed);
                        throw new AssertionError("accepted a changed header " + headers.get(h));
                    } catch (KeygateException e) {
                        assertTrue(Set.of(AwsErrorCode.SignatureDoesNotMatch, AwsErrorCode.IncompleteSignature)
                                .contains(e.code()), e.code() + ": " + e.getMessage());
                    }
                }
            }
        });
    }

    private static final String[] FRAGMENTS = {"AWS4-HMAC-SHA256", " ", ",", ", ", "Credential=", "SignedHeaders=",
        "Signature=", "/", "AKID", "20261128", "us-east-1", "sts", "aws4_request", "host", ";", "x-amz-date", "=",
        "a".repeat(64), "%", "\u0000", "\u00e9", "\uD83D", "0123456789abcdef", "Date"};

    private static String authorizationish(Gen g) {
        return switch (g.between(0, 2)) {
            case 0 -> String.join("", g.list(0, 30, () -> g.oneOf(FRAGMENTS)));
            case 1 -> g.anyString(200);
            default -> g.string(9_000, 10_000, g::anyChar);
        };
    }

    /** Hostile values that the generator may not draw: empty, NUL, lone surrogates, 10,000 characters. */
    private static final List<Row<String>> EDGES = List.of(
            Row.of("empty", ""),
            Row.of("NUL", "\u0000"),
            Row.of("lone high surrogate", "\uD800"),
            Row.of("lone low surrogate", "\uDC00"),
            Row.of("header with NUL signature", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/"
                    + "sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=\u0000"),
            Row.of("header with a lone surrogate in the scope", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"
                    + "20261128/us-east-\uD800/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "a".repeat(64)),
            Row.of("10,000 characters", "A".repeat(10_000)),
            Row.of("10,000 commas", ",".repeat(10_000)));

    @TestFactory
    Stream<DynamicTest> arbitraryAuthorizationHeadersOnlyRaiseKeygateExceptions() {
        return Stream.concat(
                Seeded.cases("arbitrary Authorization", 1000, g -> List.of(authorizationish(g), authorizationish(g)),
                        l -> assertOnlyKeygateExceptions(withAuthorization(l.get(0), l.get(1)))),
                Seeded.rows("edge Authorization", EDGES,
                        v -> assertOnlyKeygateExceptions(withAuthorization(v, v))));
    }

    private static SigV4Request withAuthorization(String authorization, String amzDate) {
        return StsRequests.unsigned(StsRequests.BODY).withHeader("Authorization", authorization)
                .withHeader("X-Amz-Date", amzDate);
    }

    @TestFactory
    Stream<DynamicTest> arbitraryPresignedQueriesOnlyRaiseKeygateExceptions() {
        return Stream.concat(
                Seeded.cases("arbitrary presigned query", 1000,
                        g -> List.of(authorizationish(g), authorizationish(g), authorizationish(g)),
                        l -> presignedQuery(l.get(0), l.get(1), l.get(2))),
                Seeded.rows("edge presigned query", EDGES, v -> presignedQuery(v, v, v)));
    }

    private static void presignedQuery(String credential, String signedHeaders, String other) {
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
