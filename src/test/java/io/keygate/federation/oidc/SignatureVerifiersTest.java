package io.keygate.federation.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The RSA verifiers, each algorithm against altered, truncated and foreign signatures. */
class SignatureVerifiersTest {

    private static RSAKey key;
    private static RSAKey foreign;
    private static SignatureVerifiers.Verifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k").generate();
        foreign = new RSAKeyGenerator(2048).keyID("k").generate();
        verifier = SignatureVerifiers.of(key.toPublicJWK());
    }

    private static CompactJws signed(JWSAlgorithm alg, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k").build(),
                new JWTClaimsSet.Builder().subject("user-1").build());
        jwt.sign(new RSASSASigner(with));
        return TokenParser.parse(jwt.serialize());
    }

    private static CompactJws withSignature(CompactJws jwt, byte[] signature) throws Exception {
        String[] parts = jwt.serialized().split("\\.");
        return TokenParser.parse(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature));
    }

    @Test
    void verifiesWhenEachRsaAlgorithmSignedWithTheKeyThenTrue() throws Exception {
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512}) {
            assertThat(verifier.verifies(signed(alg, key))).as(alg.getName()).isTrue();
        }
    }

    @Test
    void verifiesWhenSignatureAlteredTruncatedOrForeignThenFalse() throws Exception {
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256}) {
            CompactJws good = signed(alg, key);
            byte[] signature = good.signature().decode();
            byte[] altered = signature.clone();
            altered[altered.length / 2] ^= 1;
            assertThat(verifier.verifies(withSignature(good, altered))).as(alg + " altered").isFalse();
            assertThat(verifier.verifies(withSignature(good, java.util.Arrays.copyOf(signature, 255))))
                    .as(alg + " truncated").isFalse();
            assertThat(verifier.verifies(withSignature(good, new byte[1]))).as(alg + " one byte").isFalse();
            assertThat(verifier.verifies(signed(alg, foreign))).as(alg + " foreign key").isFalse();
            // the same thread's signature object still verifies a good token after each refusal
            assertThat(verifier.verifies(good)).as(alg + " after refusals").isTrue();
        }
    }

    @Test
    void verifiesWhenHeaderMarksParametersCriticalThenFalse() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k")
                .criticalParams(Set.of("exp-policy")).customParam("exp-policy", "strict").build(),
                new JWTClaimsSet.Builder().subject("user-1").build());
        jwt.sign(new RSASSASigner(key));
        assertThat(verifier.verifies(TokenParser.parse(jwt.serialize()))).isFalse();
    }

    @Test
    void verifiesWhenKeyShorterThan2048BitsThenFalse() throws Exception {
        RSAKey small = new RSAKeyGenerator(2048).keyID("k").generate();
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("k").generate();
        // Nimbus signs with 2048 bits at least: the JDK signs the 1024-bit token
        CompactJws unsigned = signed(JWSAlgorithm.RS256, small);
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(weak.toPrivateKey());
        rsa.update(unsigned.signingInput());
        CompactJws weakToken = withSignature(unsigned, rsa.sign());
        assertThat(SignatureVerifiers.of(weak.toPublicJWK()).verifies(weakToken)).isFalse();
        assertThat(SignatureVerifiers.of(small.toPublicJWK()).verifies(signed(JWSAlgorithm.RS256, small))).isTrue();
    }
}
