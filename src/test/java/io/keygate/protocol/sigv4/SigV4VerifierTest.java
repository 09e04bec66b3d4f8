package io.keygate.protocol.sigv4;

import static io.keygate.protocol.sigv4.StsRequests.AKID;
import static io.keygate.protocol.sigv4.StsRequests.CLOCK;
import static io.keygate.protocol.sigv4.StsRequests.CREDENTIALS;
import static io.keygate.protocol.sigv4.StsRequests.NOW;
import static io.keygate.protocol.sigv4.StsRequests.SETTINGS;
import static io.keygate.protocol.sigv4.StsRequests.check;
import static io.keygate.protocol.sigv4.StsRequests.replaceHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Signed STS requests that must pass, and one change at a time that must not. */
class SigV4VerifierTest {

    private static final SigV4Signer SIGNER = new SigV4Signer(CLOCK);

    static AuthFailureException refused(AwsErrorCode code, Executable call) {
        AuthFailureException e = assertThrows(AuthFailureException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void verifyWhenJavaSdkStyleRequestThenAccepted() {
        ParsedSignature sig = check(StsRequests.javaSdk());
        assertEquals(AKID, sig.accessKeyId());
        assertEquals("20261128/us-east-1/sts/aws4_request", sig.credentialScope());
        assertEquals(List.of("amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host",
                "x-amz-content-sha256", "x-amz-date"), sig.signedHeaders());
        assertEquals(NOW, sig.timestamp());
        assertFalse(sig.presigned());
        assertTrue(sig.sessionToken().isEmpty());
    }

    @Test
    void verifyWhenCliStyleRequestWithoutContentShaThenAccepted() {
        check(StsRequests.cli());
    }

    @Test
    void verifyWhenIamSignedForAwsGlobalThenAccepted() {
        SigV4Request r = SIGNER.sign(StsRequests.unsigned("Action=GetUser&Version=2010-05-08"), CREDENTIALS,
                "aws-global", "iam", StsRequests.JAVA_SDK).request();
        assertEquals("aws-global", check(r).region());
    }

    @Test
    void verifyWhenSessionTokenSignedThenReturned() {
        SigningCredentials temp = new SigningCredentials(AKID, StsRequests.SECRET, "token-abc");
        SigV4Request r = SIGNER.sign(StsRequests.unsigned(StsRequests.BODY), temp, "us-east-1", "sts").request();
        assertEquals("token-abc", check(r).sessionToken().orElseThrow());
    }

    @Test
    void verifyWhenDateHeaderInsteadOfXAmzDateThenAccepted() {
        SigV4Request base = StsRequests.unsigned(StsRequests.BODY).withHeader("Date", "Sat, 28 Nov 2026 09:55:10 GMT");
        List<String> signed = List.of("content-type", "date", "host");
        String canonical = CanonicalRequest.build(base, signed, SigV4Crypto.sha256Hex(base.body()), false, true);
        String sts = CanonicalRequest.stringToSign("20261128T095510Z", "20261128/us-east-1/sts/aws4_request",
                canonical);
        byte[] key = SigV4Crypto.signingKey(StsRequests.SECRET_BYTES, "20261128", "us-east-1", "sts");
        String sig = SigV4Crypto.hex(SigV4Crypto.hmac(key, sts));
        SigV4Request r = base.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID
                + "/20261128/us-east-1/sts/aws4_request, SignedHeaders=content-type;date;host, Signature=" + sig);
        assertEquals(NOW, check(r).timestamp());
    }

    @Test
    void verifyWhenSignatureTamperedThenSignatureDoesNotMatch() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization");
        char last = auth.charAt(auth.length() - 1);
        String tampered = auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0');
        AuthFailureException e = refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(replaceHeader(r, "Authorization", tampered)));
        assertEquals(SigV4Verifier.MISMATCH_MESSAGE, e.getMessage());
    }

    @Test
    void verifyWhenSignedHeaderChangedThenSignatureDoesNotMatch() {
        SigV4Request r = replaceHeader(StsRequests.javaSdk(), "amz-sdk-request", "attempt=2; max=4");
        refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(r));
    }

    @Test
    void verifyWhenUnsignedHeaderChangedThenStillAccepted() {
        check(StsRequests.javaSdk().withHeader("User-Agent", "something else"));
    }

    @Test
    void verifyWhenBodyChangedThenSignatureDoesNotMatch() {
        String other = "Action=GetCallerIdentity&Version=2011-06-16";
        AuthFailureException sdk = refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(StsRequests.withBody(StsRequests.javaSdk(), other)));
        assertTrue(sdk.getMessage().contains("x-amz-content-sha256"), sdk.getMessage());
        AuthFailureException cli = refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(StsRequests.withBody(StsRequests.cli(), other)));
        assertEquals(SigV4Verifier.MISMATCH_MESSAGE, cli.getMessage());
    }

    @Test
    void verifyWhenContentShaClaimsUnsignedPayloadWithBodyThenRefused() {
        SigV4Request r = replaceHeader(StsRequests.javaSdk(), "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(r));
    }

    @Test
    void verifyWhenWrongSecretThenSignatureDoesNotMatch() {
        SigV4Request r = StsRequests.javaSdk();
        ParsedSignature sig = new SigV4Parser(SETTINGS, CLOCK).parse(r).orElseThrow();
        SigV4Verifier verifier = new SigV4Verifier(SETTINGS);
        verifier.verify(sig, r, StsRequests.SECRET_BYTES); // warms the key cache for this key id
        refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> verifier.verify(sig, r, "another secret".getBytes(StandardCharsets.UTF_8)));
        verifier.verify(sig, r, StsRequests.SECRET.toCharArray());
    }

    @Test
    void verifyWhenWithinSkewThenAccepted() {
        check(StsRequests.javaSdk(), Clock.offset(CLOCK, Duration.ofMinutes(15)));
        check(StsRequests.javaSdk(), Clock.offset(CLOCK, Duration.ofMinutes(-15)));
    }

    @Test
    void parseWhenOlderThanFifteenMinutesThenRequestExpired() {
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(15).plusSeconds(1));
        AuthFailureException e = refused(AwsErrorCode.RequestExpired, () -> check(StsRequests.javaSdk(), later));
        assertEquals("Signature expired: 20261128T095510Z is now earlier than 20261128T095511Z "
                + "(20261128T101011Z - 15 min.)", e.getMessage());
    }

    @Test
    void parseWhenMoreThanFifteenMinutesAheadThenNotYetCurrent() {
        Clock earlier = Clock.offset(CLOCK, Duration.ofMinutes(-16));
        AuthFailureException e = refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(StsRequests.javaSdk(), earlier));
        assertEquals("Signature not yet current: 20261128T095510Z is still later than 20261128T095410Z "
                + "(20261128T093910Z + 15 min.)", e.getMessage());
    }

    @Test
    void parseWhenScopeDateDiffersFromXAmzDateThenRefused() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization").replace("/20261128/", "/20261127/");
        AuthFailureException e = refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(replaceHeader(r, "Authorization", auth)));
        assertEquals("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20261127' != '20261128', from '20261128T095510Z'.", e.getMessage());
    }

    @Test
    void parseWhenWrongServiceThenRefused() {
        SigV4Request r = SIGNER.sign(StsRequests.unsigned(StsRequests.BODY), CREDENTIALS, "us-east-1", "s3")
                .request();
        AuthFailureException e = refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(r));
        assertEquals("Credential should be scoped to correct service: 'sts'. ", e.getMessage());
    }

    @Test
    void parseWhenAnyServiceAllowedThenOtherServiceAccepted() {
        SigV4Request r = SIGNER.sign(StsRequests.unsigned(StsRequests.BODY), CREDENTIALS, "us-east-1", "s3")
                .request();
        SigV4Settings any = SigV4Settings.anyService(StsRequests.REGIONS::contains);
        ParsedSignature sig = new SigV4Parser(any, CLOCK).parse(r).orElseThrow();
        new SigV4Verifier(any).verify(sig, r, StsRequests.SECRET_BYTES);
        assertEquals("s3", sig.service());
    }

    @Test
    void parseWhenWrongRegionThenRefused() {
        SigV4Request r = SIGNER.sign(StsRequests.unsigned(StsRequests.BODY), CREDENTIALS, "eu-west-9", "sts")
                .request();
        AuthFailureException e = refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(r));
        assertEquals("Credential should be scoped to a valid region, not 'eu-west-9'. ", e.getMessage());
    }

    @Test
    void parseWhenWrongTerminatorThenRefused() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization").replace("/aws4_request", "/aws5_request");
        refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(replaceHeader(r, "Authorization", auth)));
    }

    @Test
    void parseWhenHostNotSignedThenIncompleteSignature() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization").replace(";host;", ";");
        AuthFailureException e = refused(AwsErrorCode.IncompleteSignature,
                () -> check(replaceHeader(r, "Authorization", auth)));
        assertTrue(e.getMessage().contains("'Host'"), e.getMessage());
    }

    @Test
    void parseWhenXAmzDateNotSignedThenIncompleteSignature() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization").replace(";x-amz-date", "");
        refused(AwsErrorCode.IncompleteSignature, () -> check(replaceHeader(r, "Authorization", auth)));
    }

    @Test
    void parseWhenNoDateHeaderThenIncompleteSignature() {
        SigV4Request r = replaceHeader(StsRequests.javaSdk(), "X-Amz-Date", null);
        AuthFailureException e = refused(AwsErrorCode.IncompleteSignature, () -> check(r));
        assertTrue(e.getMessage().contains("requires existence of either a 'X-Amz-Date' or a 'Date' header"));
    }

    @Test
    void parseWhenBadXAmzDateThenIncompleteSignature() {
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(replaceHeader(StsRequests.javaSdk(), "X-Amz-Date", "2026-11-28T09:55:10Z")));
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(replaceHeader(StsRequests.javaSdk(), "X-Amz-Date", "20261399T995510Z")));
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(replaceHeader(StsRequests.javaSdk(), "X-Amz-Date", "x".repeat(10_000))));
    }

    @Test
    void parseWhenNoSignatureThenEmpty() {
        assertTrue(new SigV4Parser(SETTINGS, CLOCK).parse(StsRequests.unsigned(StsRequests.BODY)).isEmpty());
    }

    @Test
    void parseWhenMissingParametersThenAwsStyleMessage() {
        SigV4Request r = replaceHeader(StsRequests.javaSdk(), "Authorization",
                "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date");
        AuthFailureException e = refused(AwsErrorCode.IncompleteSignature, () -> check(r));
        assertEquals("Authorization header requires 'Credential' parameter. Authorization header requires "
                + "'Signature' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date",
                e.getMessage());
    }

    @Test
    void parseWhenSpaceAfterCredentialEqualsThenMissingEqualSign() {
        SigV4Request r = StsRequests.javaSdk();
        String auth = r.header("Authorization").replace("Credential=", "Credential= ");
        AuthFailureException e = refused(AwsErrorCode.IncompleteSignature,
                () -> check(replaceHeader(r, "Authorization", auth)));
        assertTrue(e.getMessage().startsWith("'" + AKID + "/20261128/us-east-1/sts/aws4_request' not a valid "
                + "key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= "),
                e.getMessage());
    }

    @Test
    void parseWhenMalformedAuthorizationThenIncompleteSignature() {
        String sig = "a".repeat(64);
        List<String> bad = List.of(
                "",
                "AWS4-HMAC-SHA256",
                "AWS4-HMAC-SHA256 ",
                "Bearer abc",
                "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=",
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts, SignedHeaders=host;x-amz-date, Signature="
                        + sig,
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request/x, SignedHeaders=host;"
                        + "x-amz-date, Signature=" + sig,
                "AWS4-HMAC-SHA256 Credential=/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=" + sig,
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=, Signature="
                        + sig,
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=Host;X-Amz-Date,"
                        + " Signature=" + sig,
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;;x-amz-date,"
                        + " Signature=" + sig,
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=" + "g".repeat(64),
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=abc",
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=" + "\u0663".repeat(64),
                "AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/sts/aws4_request, SignedHeaders="
                        + "host;x-amz-date;" + "x-a;".repeat(1000) + "z, Signature=" + sig,
                "AWS4-HMAC-SHA256 Credential=" + "A".repeat(10_000) + "/20261128/us-east-1/sts/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + sig,
                "AWS4-HMAC-SHA256 " + "Credential=x, ".repeat(1000));
        for (String auth : bad) {
            SigV4Request r = replaceHeader(StsRequests.javaSdk(), "Authorization", auth);
            AuthFailureException e = refused(AwsErrorCode.IncompleteSignature, () -> check(r));
            assertTrue(e.getMessage().length() < 2_000, "bounded message for " + auth);
        }
    }

    @Test
    void parseWhenAuthorizationIsTenThousandCharactersThenIncompleteSignature() {
        SigV4Request r = replaceHeader(StsRequests.javaSdk(), "Authorization",
                StsRequests.javaSdk().header("Authorization") + " ".repeat(10_000));
        refused(AwsErrorCode.IncompleteSignature, () -> check(r));
    }

    @Test
    void verifyWhenSignedHeaderValueIsTenThousandCharactersThenAcceptedAndTamperRefused() {
        String big = "v ".repeat(5_000);
        SigV4Request r = SIGNER.sign(StsRequests.unsigned(StsRequests.BODY).withHeader("X-Big", big), CREDENTIALS,
                "us-east-1", "sts").request();
        check(r);
        refused(AwsErrorCode.SignatureDoesNotMatch, () -> check(replaceHeader(r, "X-Big", big + "x")));
    }

    @Test
    void parseWhenAuthorizationHeaderAndPresignedQueryThenIncompleteSignature() {
        SigV4Request r = StsRequests.javaSdk().withRawQuery("X-Amz-Signature=" + "a".repeat(64));
        refused(AwsErrorCode.IncompleteSignature, () -> check(r));
    }

    @Test
    void presignedWhenFreshThenAccepted() {
        SigV4Request r = presigned(Duration.ofMinutes(5));
        ParsedSignature sig = check(r, Clock.offset(CLOCK, Duration.ofMinutes(4)));
        assertTrue(sig.presigned());
        assertEquals(300, sig.expiresSeconds());
    }

    @Test
    void presignedWhenExpiredThenRequestExpired() {
        SigV4Request r = presigned(Duration.ofMinutes(5));
        AuthFailureException e = refused(AwsErrorCode.RequestExpired,
                () -> check(r, Clock.offset(CLOCK, Duration.ofMinutes(5).plusSeconds(1))));
        assertEquals("Request has expired", e.getMessage());
    }

    @Test
    void presignedWhenQueryTamperedThenSignatureDoesNotMatch() {
        SigV4Request r = presigned(Duration.ofMinutes(5));
        refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(r.withRawQuery(r.rawQuery().replace("GetCallerIdentity", "GetSessionToken"))));
        refused(AwsErrorCode.SignatureDoesNotMatch,
                () -> check(r.withRawQuery(r.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=900"))));
    }

    @Test
    void presignedWhenBadExpiresOrMissingPartsThenIncompleteSignature() {
        SigV4Request r = presigned(Duration.ofMinutes(5));
        for (String expires : List.of("0", "604801", "-1", "abc", "", "99999999999999999999")) {
            refused(AwsErrorCode.IncompleteSignature,
                    () -> check(r.withRawQuery(r.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=" + expires))));
        }
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(r.withRawQuery(r.rawQuery().replace("&X-Amz-Date=", "&X-Amz-Datum="))));
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(r.withRawQuery(r.rawQuery().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"))));
        refused(AwsErrorCode.IncompleteSignature,
                () -> check(r.withRawQuery(r.rawQuery() + "&X-Amz-Date=20261128T095510Z")));
    }

    @Test
    void presignedWhenSevenDaysThenAccepted() {
        SigV4Request r = presigned(Duration.ofDays(7));
        check(r, Clock.offset(CLOCK, Duration.ofDays(7)));
    }

    private static SigV4Request presigned(Duration expires) {
        SigV4Request get = new SigV4Request("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15",
                List.of(new SigV4Request.Header("Host", "sts.amazonaws.com")), null, null);
        return SIGNER.presign(get, CREDENTIALS, "us-east-1", "sts", expires).request();
    }

    @Test
    void signingKeyCacheWhenFullThenStaysBounded() {
        SigningKeyCache cache = new SigningKeyCache(2);
        for (int i = 0; i < 50; i++) {
            cache.signingKey(StsRequests.SECRET_BYTES, "AKID" + i, "20261128", "us-east-1", "sts");
        }
        assertTrue(cache.size() <= 2);
        assertEquals(SigV4Crypto.hex(SigV4Crypto.signingKey(StsRequests.SECRET_BYTES, "20261128", "us-east-1", "sts")),
                SigV4Crypto.hex(cache.signingKey(StsRequests.SECRET_BYTES, "AKID49", "20261128", "us-east-1", "sts")));
    }

    @Test
    void verifyWhenOtherClockZoneThenSameResult() {
        check(StsRequests.javaSdk(), Clock.fixed(NOW, ZoneOffset.ofHours(-11)));
    }
}
