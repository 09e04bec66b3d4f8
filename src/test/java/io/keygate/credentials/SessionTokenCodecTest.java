package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class SessionTokenCodecTest {

    private final KeyRing ring = KeyRing.generate(Clock.systemUTC());
    private final SessionTokenCodec codec = new SessionTokenCodec(ring);

    @Test
    void decodeWhenEncodedAssumeRoleThenEveryFieldSurvives() {
        SessionClaims claims = TestClaims.assumeRole();
        SessionClaims decoded = codec.decodeUncached(codec.encode(claims));

        assertEquals(claims, decoded);
        assertEquals(List.of("team", "cost-center", "project"), List.copyOf(decoded.sessionTags().keySet()),
                "tag order is kept");
        assertEquals(TestClaims.sessionPolicy1k(), decoded.sessionPolicy());
        assertEquals(claims.secretAccessKey(), decoded.secretAccessKey());
        assertEquals(Instant.parse("2026-11-28T09:58:00Z"), decoded.mfaAuthenticatedAt());
    }

    @Test
    void decodeWhenEveryOptionalPartSetThenEveryFieldSurvives() {
        SessionClaims claims = TestClaims.assumeRole().toBuilder()
                .principalType(PrincipalType.ASSUMED_ROLE)
                .partition("aws-cn")
                .federated("arn:aws:iam::111122223333:saml-provider/Corp", "alice\u00e9@example.com \"quoted\"")
                .federatedClaims(java.util.Map.of("saml:sub", "alice\u00e9@example.com \"quoted\"",
                        "saml:namequalifier", "Kq3a+/bc=="))
                .issuingAction(IssuingAction.AssumeRoleWithSAML)
                .chained(true)
                .issuedAt(Instant.parse("2026-11-28T10:00:00.987Z"))
                .build();
        SessionClaims decoded = codec.decodeUncached(codec.encode(claims));

        assertEquals(claims, decoded);
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), decoded.issuedAt(), "whole seconds");
        assertEquals("aws-cn", decoded.partition());
        assertTrue(decoded.chained());
        assertEquals("Kq3a+/bc==", decoded.federatedClaims().get("saml:namequalifier"));
    }

    @Test
    void decodeWhenMinimalGetSessionTokenThenEveryFieldSurvives() {
        for (PrincipalType type : PrincipalType.values()) {
            for (IssuingAction action : IssuingAction.values()) {
                SessionClaims claims = TestClaims.sessionUser().toBuilder()
                        .principalType(type).issuingAction(action).build();
                SessionClaims decoded = codec.decodeUncached(codec.encode(claims));
                assertEquals(claims, decoded);
                assertFalse(decoded.mfaPresent());
                assertEquals(null, decoded.sessionPolicy());
                assertTrue(decoded.sessionTags().isEmpty());
            }
        }
    }

    @Test
    void encodeWhenTypicalAssumeRoleThenTokenUnder1500Chars() {
        String token = codec.encode(TestClaims.assumeRole());
        int json = SessionClaimsJson.toBytes(TestClaims.assumeRole()).length;
        System.out.printf("session token: %d chars (claims JSON %d bytes); minimal GetSessionToken: %d chars%n",
                token.length(), json, codec.encode(TestClaims.sessionUser()).length());
        assertTrue(token.length() < 1500, "token is " + token.length() + " chars");
    }

    @Test
    void encodeWhenCalledThenHeaderIsDirA256GcmWithActiveKid() throws Exception {
        JWEHeader header = JWEObject.parse(codec.encode(TestClaims.sessionUser())).getHeader();
        assertEquals(JWEAlgorithm.DIR, header.getAlgorithm());
        assertEquals(EncryptionMethod.A256GCM, header.getEncryptionMethod());
        assertTrue(header.getKeyID().matches(java.util.regex.Pattern.quote(ring.activeKid()) + "\\.[A-Za-z0-9_-]{22}"),
                header.getKeyID()); // the active ring kid and the epoch of the derived token key
        assertEquals(null, header.getCompressionAlgorithm());
    }

    @Test
    void encodeWhenSameClaimsTwiceThenFreshIvAndCiphertextAndNoEncryptedKey() throws Exception {
        SessionClaims claims = TestClaims.assumeRole();
        String[] first = codec.encode(claims).split("\\.", -1);
        String[] second = codec.encode(claims).split("\\.", -1);
        assertEquals(5, first.length);
        assertEquals(first[0], second[0]); // one epoch, one header
        assertEquals("", first[1]); // alg=dir
        assertEquals(16, first[2].length()); // 96-bit IV
        assertEquals(22, first[4].length()); // 128-bit tag
        assertTrue(!first[2].equals(second[2]), "a fresh IV per token");
        assertTrue(!first[3].equals(second[3]), "a fresh ciphertext per token");
        assertEquals(claims, codec.decodeUncached(String.join(".", second)));
    }

    @Test
    void decodeWhenHeaderOfTokenReplacedThenInvalidClientTokenId() throws Exception {
        String[] parts = codec.encode(TestClaims.assumeRole()).split("\\.", -1);
        JWEHeader header = JWEObject.parse(String.join(".", parts)).getHeader();
        // the same kid, alg and enc, written differently: the header is the associated data, so it must not open
        parts[0] = new JWEHeader.Builder(header).contentType("JWT").build().toBase64URL().toString();
        String altered = String.join(".", parts);
        assertInvalid(() -> codec.decodeUncached(altered));
    }

    @Test
    void decodeWhenKidUnknownThenInvalidClientTokenId() {
        String foreign = new SessionTokenCodec(KeyRing.generate(Clock.systemUTC())).encode(TestClaims.sessionUser());
        assertInvalid(() -> codec.decode(foreign));
    }

    @Test
    void decodeWhenKeyRotatedThenOldTokensStillDecode() {
        SessionClaims claims = TestClaims.assumeRole();
        String oldToken = codec.encode(claims);
        SessionTokenCodec rotated = new SessionTokenCodec(ring.rotate(Clock.systemUTC()));

        assertEquals(claims, rotated.decode(oldToken));
        assertEquals(claims, rotated.decode(rotated.encode(claims)));
    }

    @Test
    void requireUnexpiredWhenAtOrAfterExpiryThenExpiredToken() {
        SessionClaims claims = TestClaims.sessionUser();
        Instant expiry = claims.expiresAt();

        assertSame(claims, SessionTokenCodec.requireUnexpired(claims, at(expiry.minusSeconds(1))));
        for (Instant late : new Instant[] {expiry, expiry.plusSeconds(1)}) {
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> SessionTokenCodec.requireUnexpired(claims, at(late)));
            assertEquals(AwsErrorCode.ExpiredToken, e.code());
            assertEquals("The security token included in the request is expired", e.getMessage());
        }
    }

    @Test
    void decodeWhenTokenOversizedThenInvalidClientTokenId() {
        String token = codec.encode(TestClaims.assumeRole());
        String padded = token + "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH);
        assertInvalid(() -> codec.decode(padded));
        assertInvalid(() -> codec.decode("A".repeat(10_000_000)));
    }

    @Test
    void decodeWhenSameTokenTwiceThenSecondComesFromCache() {
        SessionClaims claims = TestClaims.assumeRole();
        String token = codec.encode(claims);
        SessionClaims first = codec.decode(token);
        SessionClaims second = codec.decode(token);

        assertEquals(claims, first);
        assertSame(first, second, "the cached instance is returned");
        assertEquals(1, codec.cachedTokens());
    }

    @Test
    void decodeWhenACachedTokenIsRewrittenWithNonAsciiLookAlikesThenItIsRefused() {
        String token = codec.encode(TestClaims.assumeRole());
        codec.decode(token); // now cached under the hash of its text
        for (int at : new int[] {0, token.length() / 2, token.length() - 1}) {
            char c = token.charAt(at);
            // the same low byte, so a hash of (byte) c or of ISO-8859-1 '?' could collide with the cached one
            for (char alias : new char[] {(char) (c | 0x100), (char) (c | 0x80), (char) (c | 0x4100)}) {
                String forged = token.substring(0, at) + alias + token.substring(at + 1);
                assertInvalid(() -> codec.decode(forged));
            }
        }
        assertEquals(1, codec.cachedTokens());
        // a long ASCII token after a short one uses the grown scratch buffer and still hashes its own text
        String longer = codec.encode(TestClaims.assumeRole());
        assertEquals(codec.decodeUncached(longer), codec.decode(longer));
    }

    @Test
    void decodeWhenManyTokensThenCacheStaysBounded() {
        SessionTokenCodec small = new SessionTokenCodec(ring, 100);
        for (int i = 0; i < 1000; i++) {
            small.decode(small.encode(TestClaims.sessionUser()));
        }
        assertTrue(small.cachedTokens() <= 100, "cache holds " + small.cachedTokens());
    }

    @Test
    void decodeWhenManyThreadsShareTheCacheThenEveryResultIsRightAndTheCacheBounded() throws Exception {
        SessionTokenCodec shared = new SessionTokenCodec(ring, 100);
        List<SessionClaims> claims = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            claims.add(TestClaims.sessionUser());
            tokens.add(shared.encode(claims.get(i)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 3000; i++) {
                        int pick = random.nextInt(random.nextBoolean() ? 20 : tokens.size()); // some hot tokens
                        assertEquals(claims.get(pick), shared.decode(tokens.get(pick)));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(shared.cachedTokens() <= 100 + 4, "cache holds " + shared.cachedTokens());
    }

    @Test
    void decodeWhenFailedThenNotCached() {
        assertInvalid(() -> codec.decode("a.b.c.d.e"));
        assertEquals(0, codec.cachedTokens());
    }

    @Test
    void decodeWhenCompressionBombUnderRightKeyThenInvalidClientTokenId() throws Exception {
        byte[] bomb = deflate(("{\"v\":1,\"sp\":\"" + " ".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(bomb.length < 1000);
        assertInvalid(() -> codec.decode(encrypt(bomb, header())));
    }

    @Test
    void decodeWhenPayloadNotCanonicalUnderRightKeyThenInvalidClientTokenId() throws Exception {
        String valid = new String(SessionClaimsJson.toBytes(TestClaims.sessionUser()), StandardCharsets.UTF_8);
        List<String> payloads = List.of(
                "",
                "[]",
                "null",
                valid.replace("\"v\":1", "\"v\":0"),
                valid.replace("{", "{\"unknown\":1,\"cr\":[\"unknown\"],"),
                valid.replace("{", "{\"unknown\":1,\"unknown\":2,"),
                valid.replace("{", "{\"k\":\"ASIAAAAAAAAAAAAAAAAA\","),
                valid + " {}",
                valid.replace("}", ",\"m\":false}"),
                valid.replace("\"x\":\"S\"", "\"x\":\"Q\""),
                valid.replace(",\"x\":\"S\"", ""),
                valid.replace("{", "{\"tg\":{\"a\":{\"b\":{\"c\":1}}},"),
                valid.replace("\"i\":", "\"i\":1e3,\"ignored\":"),
                valid.substring(0, valid.length() - 1));
        for (String payload : payloads) {
            assertInvalid(() -> codec.decode(encrypt(deflate(payload.getBytes(StandardCharsets.UTF_8)), header())));
        }
        // The same path accepts the canonical payload, so the cases above fail for their content.
        assertEquals(TestClaims.sessionUser().principalArn(),
                codec.decode(encrypt(deflate(valid.getBytes(StandardCharsets.UTF_8)), header())).principalArn());
    }

    @Test
    void decodeWhenMintedByANewerVersionWithInformationalClaimsThenAccepted() throws Exception {
        String valid = new String(SessionClaimsJson.toBytes(TestClaims.sessionUser()), StandardCharsets.UTF_8);
        List<String> newer = List.of(
                valid.replace("\"v\":1", "\"v\":2"),
                valid.replace("{", "{\"zz\":\"added later\","),
                valid.replace("{", "{\"zz\":{\"nested\":[1,2]},\"v2\":true,"),
                // A critical claim this node knows is fine.
                valid.replace("{", "{\"cr\":[\"sp\"],\"zz\":1,").replace("\"v\":1", "\"v\":3"));
        for (String payload : newer) {
            assertEquals(TestClaims.sessionUser().principalArn(),
                    codec.decode(encrypt(deflate(payload.getBytes(StandardCharsets.UTF_8)), header())).principalArn(),
                    payload);
        }
    }

    @Test
    void decodeWhenANewerVersionMarksAnUnknownClaimCriticalThenInvalidClientTokenId() throws Exception {
        String valid = new String(SessionClaimsJson.toBytes(TestClaims.sessionUser()), StandardCharsets.UTF_8);
        String restricted = valid.replace("{", "{\"cr\":[\"ip\"],\"ip\":\"10.0.0.0/8\",")
                .replace("\"v\":1", "\"v\":2");
        assertInvalid(() -> codec.decode(encrypt(deflate(restricted.getBytes(StandardCharsets.UTF_8)), header())));
    }

    @Test
    void decodeWhenUncompressedOrNimbusZipThenInvalidClientTokenId() throws Exception {
        byte[] json = SessionClaimsJson.toBytes(TestClaims.sessionUser());
        assertInvalid(() -> codec.decode(encrypt(json, header())));
        JWEHeader zip = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(ring.activeKid()).compressionAlgorithm(CompressionAlgorithm.DEF).build();
        assertInvalid(() -> codec.decode(encrypt(json, zip)));
    }

    @Test
    void decodeWhenOtherEncryptionMethodThenInvalidClientTokenId() throws Exception {
        JWEHeader a128 = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128GCM)
                .keyID(ring.activeKid()).build();
        JWEObject jwe = new JWEObject(a128, new Payload(deflate(SessionClaimsJson.toBytes(TestClaims.sessionUser()))));
        jwe.encrypt(new DirectEncrypter(java.util.Arrays.copyOf(ring.activeKey().getEncoded(), 16)));
        assertInvalid(() -> codec.decode(jwe.serialize()));
    }

    @Test
    void toStringWhenClaimsPrintedThenSecretRedacted() {
        SessionClaims claims = TestClaims.assumeRole();
        assertFalse(claims.toString().contains(claims.secretAccessKey()));
        assertTrue(claims.toString().contains("<redacted>"));
    }

    @Test
    void buildWhenRequiredPartsMissingOrInconsistentThenRejected() {
        SessionClaims ok = TestClaims.assumeRole();
        assertThrows(IllegalArgumentException.class,
                () -> ok.toBuilder().accessKeyId(TestClaims.IDS.longTermAccessKeyId()).build());
        assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().expiresAt(ok.issuedAt()).build());
        assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().secretAccessKey("short").build());
        assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().accountId("12345").build());
        assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().mfaPresent(false).build());
        assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().transitiveTagKeys(List.of("nope")).build());
        assertThrows(NullPointerException.class, () -> ok.toBuilder().issuingAction(null).build());
    }

    static void assertInvalid(org.junit.jupiter.api.function.Executable decode) {
        AuthFailureException e = assertThrows(AuthFailureException.class, decode);
        assertEquals(AwsErrorCode.InvalidClientTokenId, e.code());
        assertEquals("The security token included in the request is invalid.", e.getMessage());
    }

    private JWEHeader header() {
        return new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(ring.activeKid()).build();
    }

    private String encrypt(byte[] plaintext, JWEHeader header) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        jwe.encrypt(new DirectEncrypter(ring.activeKey()));
        return jwe.serialize();
    }

    static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (DeflaterOutputStream zip = new DeflaterOutputStream(out, deflater)) {
            zip.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
