package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;

import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;

/**
 * Session-token keys rotate by count (issue 8 item 9): no AES-GCM key encrypts more than its share of tokens
 * (at most 2^30, a quarter of NIST SP 800-38D's 2^32 random-IV limit), every node draws its own token keys, and
 * tokens from before the rotation scheme (kid = a bare ring kid) still decode.
 */
class SessionTokenKeyRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyRing RING = KeyRing.generate(Clock.systemUTC());

    private static String kidOf(String token) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).get("kid").asText();
    }

    @Test
    void encodeWhenAKeyHasMadeItsShareOfEncryptionsThenTheNextTokenUsesANewKey() throws Exception {
        SessionTokenCodec codec = new SessionTokenCodec(RING, 100, 3);
        SessionClaims claims = TestClaims.assumeRole();
        Map<String, Integer> perKid = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String token = codec.encode(claims);
            perKid.merge(kidOf(token), 1, Integer::sum);
            assertEquals(claims, new SessionTokenCodec(RING).decodeUncached(token), "token " + i);
        }
        assertEquals(4, perKid.size(), perKid.toString());
        assertTrue(perKid.values().stream().allMatch(n -> n <= 3), perKid.toString());
        assertTrue(perKid.keySet().stream().allMatch(k -> k.startsWith(RING.activeKid() + ".")), perKid.toString());
    }

    @Test
    void defaultShareIsAQuarterOfTheNistLimit() {
        assertEquals(1L << 30, SessionTokenCodec.MAX_ENCRYPTIONS_PER_KEY);
        assertThrows(IllegalArgumentException.class, () -> new SessionTokenCodec(RING, 100, (1L << 30) + 1));
    }

    @Test
    void twoNodesOverOneRingThenDistinctTokenKeysAndEachReadsTheOthersTokens() throws Exception {
        SessionTokenCodec a = new SessionTokenCodec(RING);
        SessionTokenCodec b = new SessionTokenCodec(RING);
        SessionClaims claims = TestClaims.sessionUser();
        String fromA = a.encode(claims);
        String fromB = b.encode(claims);
        assertNotEquals(kidOf(fromA), kidOf(fromB));
        assertEquals(claims, b.decode(fromA));
        assertEquals(claims, a.decode(fromB));
    }

    @Test
    void decodeWhenTokenPredatesEpochsThenReadWithTheRingKey() throws Exception {
        SessionClaims claims = TestClaims.assumeRole();
        String current = new SessionTokenCodec(RING).encode(claims);
        // The same payload, encrypted as tokens were before epochs: kid = the ring kid, key = the ring key.
        JWEObject jwe = JWEObject.parse(current);
        SessionTokenCodec reader = new SessionTokenCodec(RING);
        byte[] payload = payloadOf(reader, current, jwe);
        JWEObject legacy = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(RING.activeKid()).build(), new Payload(payload));
        legacy.encrypt(new DirectEncrypter(RING.activeKey()));
        assertEquals(claims, reader.decodeUncached(legacy.serialize()));
    }

    @Test
    void decodeWhenEpochIsForgedOrUnknownThenInvalidClientTokenId() throws Exception {
        SessionClaims claims = TestClaims.assumeRole();
        SessionTokenCodec codec = new SessionTokenCodec(RING);
        String token = codec.encode(claims);
        JWEObject jwe = JWEObject.parse(token);
        byte[] payload = payloadOf(codec, token, jwe);
        for (String kid : new String[] {RING.activeKid() + "." + "A".repeat(22), RING.activeKid() + ".short",
                "unknown." + kidOf(token).substring(kidOf(token).indexOf('.') + 1), RING.activeKid() + ".!!"}) {
            // Encrypted with the ring key itself: only a matching kid derivation could open it, and none does.
            JWEObject forged = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                    .keyID(kid).build(), new Payload(payload));
            forged.encrypt(new DirectEncrypter(RING.activeKey()));
            AuthFailureException e = assertThrows(AuthFailureException.class,
                    () -> codec.decodeUncached(forged.serialize()), kid);
            assertEquals(AwsErrorCode.InvalidClientTokenId, e.code());
        }
    }

    /** The compressed claims a token carries (what the codec encrypts), read back through a derived key. */
    private static byte[] payloadOf(SessionTokenCodec codec, String token, JWEObject parsed) throws Exception {
        // Decrypt with the key the codec derives; reuse its decode to prove the token is good first.
        codec.decodeUncached(token);
        String kid = parsed.getHeader().getKeyID();
        byte[] salt = Base64.getUrlDecoder().decode(kid.substring(kid.indexOf('.') + 1));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(RING.activeKey().getEncoded(), "HmacSHA256"));
        mac.update("keygate session-token key v1".getBytes(StandardCharsets.US_ASCII));
        mac.update(salt);
        mac.update((byte) 1);
        parsed.decrypt(new com.nimbusds.jose.crypto.DirectDecrypter(mac.doFinal()));
        return parsed.getPayload().toBytes();
    }
}
