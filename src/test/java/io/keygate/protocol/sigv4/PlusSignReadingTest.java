package io.keygate.protocol.sigv4;

import static io.keygate.protocol.sigv4.StsRequests.AKID;
import static io.keygate.protocol.sigv4.StsRequests.CLOCK;
import static io.keygate.protocol.sigv4.StsRequests.CREDENTIALS;
import static io.keygate.protocol.sigv4.StsRequests.SECRET;
import static io.keygate.protocol.sigv4.StsRequests.SECRET_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import io.keygate.protocol.query.FormDecoder;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One reading of {@code +} (issue 8 item 7): the value SigV4's canonical query covers is the value the form decoder
 * hands to the action. Requests signed by the AWS SDK for Java v2 and botocore-style (the AWS CLI) with {@code +},
 * spaces and {@code %2B} in values verify and read back the signed values; no re-encoding of a signed query
 * ({@code +} ↔ {@code %2B} ↔ {@code %20}, in either direction, at any position) verifies with a different value.
 */
class PlusSignReadingTest {

    /** Values with every spelling that could be confused: a plus, a space, the text "%2B", and a mix. */
    private static final Map<String, String> VALUES = values();

    private static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("Action", "GetCallerIdentity");
        v.put("Version", "2011-06-15");
        v.put("Plus", "a+b");
        v.put("Space", "a b");
        v.put("Escaped", "100%2B");
        v.put("Mixed", "1 + 1 = 2");
        v.put("Key+Name", "x");
        return v;
    }

    @Test
    void presignedByJavaSdkWhenValuesHavePlusSpaceAndEscapesThenVerifiesAndReadsTheSignedValues() {
        SigV4Request request = javaSdkPresigned(VALUES);
        assertTrue(request.rawQuery().contains("Plus=a%2Bb"), request.rawQuery());
        assertTrue(request.rawQuery().contains("Space=a%20b"), request.rawQuery());
        verify(request);
        assertEquals(withAmz(VALUES, request), FormDecoder.decode(request.rawQuery()));
    }

    @Test
    void presignedBotocoreStyleWhenValuesHavePlusSpaceAndEscapesThenVerifiesAndReadsTheSignedValues() {
        SigV4Request request = botocorePresigned(VALUES);
        verify(request);
        assertEquals(withAmz(VALUES, request), FormDecoder.decode(request.rawQuery()));
    }

    @Test
    void signedWithRawPlusForSpaceThenVerifiesAndReadsASpace() {
        // A client that form-encodes its query (space as '+') and signs that query as sent.
        SigV4Request request = new SigV4Signer(CLOCK).sign(SigV4Request.of("GET", "/",
                "Action=GetCallerIdentity&Version=2011-06-15&Space=a+b", List.of(
                        Map.entry("Host", "localhost:8081")), new byte[0]), CREDENTIALS, "us-east-1", "sts").request();
        verify(request);
        assertEquals("a b", FormDecoder.decode(request.rawQuery()).get("Space"));
        refused(request.withRawQuery(request.rawQuery().replace("a+b", "a%2Bb")));
    }

    @Test
    void signedWithEscapedPlusWhenSentWithRawPlusThenSignatureDoesNotMatch() {
        SigV4Request request = javaSdkPresigned(VALUES);
        refused(request.withRawQuery(request.rawQuery().replace("Plus=a%2Bb", "Plus=a+b")));
    }

    /**
     * Every way to re-spell the signed query by swapping one {@code +}, {@code %2B} or {@code %20} for another:
     * either SigV4 refuses it, or the action reads exactly the values that were signed.
     */
    @TestFactory
    Stream<DynamicTest> everyRespellingOfASignedQueryVerifiesOnlyWithTheSignedValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String signer : List.of("java-sdk", "botocore")) {
            SigV4Request signed = signer.equals("java-sdk") ? javaSdkPresigned(VALUES) : botocorePresigned(VALUES);
            Map<String, String> expected = withAmz(VALUES, signed);
            String query = signed.rawQuery();
            for (String variant : respellings(query)) {
                tests.add(DynamicTest.dynamicTest(signer + ": " + variant.substring(0, Math.min(120, variant.length())),
                        () -> {
                            SigV4Request tampered = signed.withRawQuery(variant);
                            boolean verified;
                            try {
                                verify(tampered);
                                verified = true;
                            } catch (AuthFailureException e) {
                                assertEquals(AwsErrorCode.SignatureDoesNotMatch, e.code());
                                verified = false;
                            }
                            if (verified) {
                                assertEquals(expected, FormDecoder.decode(variant), "verified with other values");
                            }
                        }));
            }
        }
        assertTrue(tests.size() > 10, "respellings: " + tests.size());
        return tests.stream();
    }

    /** The query with one occurrence of {@code +}, {@code %2B} or {@code %20} replaced by each of the others. */
    private static List<String> respellings(String query) {
        List<String> spellings = List.of("+", "%2B", "%20", "%2b");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < query.length(); i++) {
            for (String from : spellings) {
                if (!query.startsWith(from, i)) {
                    continue;
                }
                for (String to : spellings) {
                    if (!to.equals(from)) {
                        out.add(query.substring(0, i) + to + query.substring(i + from.length()));
                    }
                }
            }
        }
        return out;
    }

    private static void verify(SigV4Request request) {
        ParsedSignature sig = new SigV4Parser(StsRequests.SETTINGS, CLOCK).parse(request).orElseThrow();
        new SigV4Verifier(StsRequests.SETTINGS).verify(sig, request, SECRET_BYTES);
    }

    private static void refused(SigV4Request request) {
        AuthFailureException e = SigV4VerifierTest.refused(AwsErrorCode.SignatureDoesNotMatch, () -> verify(request));
        assertEquals(AwsErrorCode.SignatureDoesNotMatch, e.code());
    }

    /** The signed values plus the X-Amz-* parameters the signer added, as the form decoder reads them. */
    private static Map<String, String> withAmz(Map<String, String> values, SigV4Request signed) {
        Map<String, String> all = new TreeMap<>(values);
        FormDecoder.decode(signed.rawQuery()).forEach((k, v) -> {
            if (k.startsWith("X-Amz-")) {
                all.put(k, v);
            }
        });
        return all;
    }

    /** Presigned by the AWS SDK for Java v2's own SigV4 signer (query authentication, as its presigners do). */
    private static SigV4Request javaSdkPresigned(Map<String, String> values) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("localhost").port(8081).encodedPath("/");
        values.forEach(http::putRawQueryParameter);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(AKID, SECRET))
                .request(http.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)).request();
        String rawQuery = signed.encodedQueryParameters().orElseThrow();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        signed.forEachHeader((name, vs) -> vs.forEach(v -> headers.add(Map.entry(name, v))));
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(Map.entry("Host", "localhost:8081"));
        }
        return SigV4Request.of("GET", signed.encodedPath(), rawQuery, headers, new byte[0]);
    }

    /**
     * Presigned as botocore (the AWS CLI) does it, written out here independently of Keygate's canonicalizer:
     * every key and value quoted with {@code quote(s, safe='-_.~')} (a space is {@code %20}, a plus {@code %2B}),
     * the canonical query being the sent pairs sorted, as botocore's {@code _canonical_query_string_url} does.
     */
    private static SigV4Request botocorePresigned(Map<String, String> values) {
        String amzDate = "20261128T095510Z";
        String scope = "20261128/us-east-1/sts/aws4_request";
        Map<String, String> params = new LinkedHashMap<>(values);
        params.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        params.put("X-Amz-Credential", AKID + "/" + scope);
        params.put("X-Amz-Date", amzDate);
        params.put("X-Amz-Expires", "300");
        params.put("X-Amz-SignedHeaders", "host");
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(quote(k) + "=" + quote(v)));
        List<String> sorted = new ArrayList<>(pairs);
        sorted.sort(null);
        String canonical = "GET\n/\n" + String.join("&", sorted) + "\nhost:localhost:8081\n\nhost\nUNSIGNED-PAYLOAD";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + SigV4Crypto.hex(SigV4Crypto.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = SigV4Crypto.signingKey(SECRET_BYTES, "20261128", "us-east-1", "sts");
        String signature = SigV4Crypto.hex(SigV4Crypto.hmac(key, toSign));
        String query = String.join("&", pairs) + "&X-Amz-Signature=" + signature;
        return SigV4Request.of("GET", "/", query, List.of(Map.entry("Host", "localhost:8081")), new byte[0]);
    }

    /** Python's {@code urllib.parse.quote(s, safe='-_.~')} over UTF-8. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
